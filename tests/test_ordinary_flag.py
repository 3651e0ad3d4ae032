"""The 'O' flag of the NER's feature layer (sessions 26 and 27, training/README.md).

Why these tests: a model's weights were trained on the flags its layer produced then. Models built
before the 'O' flag existed (d8 and older) store no 'ordinary' list, and must keep getting exactly
the flags they were trained on, whatever code loads them; a model built with `--ordinary-flag`
carries its list inside `tok2vec/model` and needs nothing outside the folder. Models built before
session 27 (e3) store no 'compounds' switch and keep getting 'O' for listed words only.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from config.nlp.components import (
    COMPOUND_MIN_LENGTH,
    FLAG_BITS,
    HashedWords,
    flag_letters,
    is_compound,
    lexflag_hash_embed,
    pack_words,
)

MODEL_DIR = Path(__file__).resolve().parents[1] / "config" / "nlp" / "nl_school"
OLD_LISTS = {"first": ["sanne"], "surname": ["bakker"], "place": ["jeruzalem"],
             "lexicon": ["met", "uit", "mensen", "bakker", "inhoud"]}
"""The four lists of a model built before session 26 (d8's layout, a few words of each)."""
WORDS = ["Mensen", "met", "Sanne", "uit", "Jeruzalem", "INHOUD", "InHoud", "Bakker", "mensen"]


def d8_bits(text: str, lists: dict[str, list[str]]) -> int:
    """The flag value of the d8 code (before session 26), written out again as the reference."""
    folded = text.casefold()
    value = 0
    if text[:1].isupper():
        value |= 1 if folded in lists["first"] else 0
        value |= 2 if folded in lists["surname"] else 0
        value |= 4 if folded in lists["place"] else 0
    return value | (8 if folded in lists["lexicon"] else 0)


def flag_column(layer: Any, nlp: Language, words: list[str]) -> list[int]:
    features, _ = layer([spacy.tokens.Doc(nlp.vocab, words=words)], is_train=False)
    return [int(v) for v in features[0][:, len(layer.attrs["columns"])]]


def features_layer(lists: dict[str, list[str]], compounds: bool = False) -> Any:
    model = lexflag_hash_embed(width=8, attrs=["NORM"], rows=[100], flag_rows=50, lists=lists,
                               flag_dropout=0.0, drop_flags="FS", seed=0, compounds=compounds)
    return next(n for n in model.walk() if n.name == "lexflag_features")


def test_no_ordinary_list_gives_the_old_flags() -> None:
    nlp = spacy.blank("nl")
    assert flag_column(features_layer(OLD_LISTS), nlp, WORDS) == [d8_bits(w, OLD_LISTS) for w in WORDS]


def test_old_layer_attrs_loaded_by_this_code_give_the_old_flags() -> None:
    """The attrs as d8 stores them (gzip JSON of the four lists, no 'ordinary' attr) read back by
    today's lookup."""
    nlp = spacy.blank("nl")
    layer = features_layer(OLD_LISTS)
    del layer.attrs["ordinary"]
    packed = json.dumps(OLD_LISTS).encode("utf-8")
    layer.attrs["lists"] = gzip.compress(packed, mtime=0)  # new bytes: the lookup is rebuilt
    assert "ordinary" not in json.loads(gzip.decompress(layer.attrs["lists"]))
    assert flag_column(layer, nlp, WORDS) == [d8_bits(w, OLD_LISTS) for w in WORDS]


def test_ordinary_flag_only_for_capitalised_or_capitals() -> None:
    """A sentence start or a heading gives 'Mensen' or 'INHOUD'; 'InHoud' and lower case are not that."""
    lists = {**{k: frozenset(v) for k, v in OLD_LISTS.items()}, "ordinary": frozenset({"mensen", "inhoud"})}
    assert [flag_letters(w, lists) for w in WORDS] == ["WO", "W", "F", "W", "P", "WO", "W", "SW", "W"]
    nlp = spacy.blank("nl")
    column = flag_column(features_layer({**OLD_LISTS, "ordinary": ["mensen", "inhoud"]}), nlp, WORDS)
    assert [bool(v & FLAG_BITS["O"]) for v in column] == [True, False, False, False, False, True, False,
                                                          False, False]


@pytest.fixture(scope="module")
def shipped() -> Language:
    return spacy.load(MODEL_DIR)


def test_shipped_model_without_its_ordinary_list_loses_only_the_o_flag(shipped: Language) -> None:
    """Taking the list out of the shipped layer turns it into an old model: every other flag stays."""
    layer = next(n for n in shipped.get_pipe("tok2vec").model.walk() if n.name == "lexflag_features")
    assert "ordinary" not in json.loads(gzip.decompress(layer.attrs["lists"]))  # hashed, not 344,000 strings
    words = ["Inhoud", "Terugblik", "Gesprek", "met", "Sanne", "uit", "Jeruzalem", "NIEUWSBRIEF"]
    before = flag_column(layer, shipped, words)
    if not layer.attrs.get("ordinary"):
        assert not any(v & FLAG_BITS["O"] for v in before)
        return
    assert before[0] & FLAG_BITS["O"] and before[-1] & FLAG_BITS["O"] and not before[4] & FLAG_BITS["O"]
    saved = layer.attrs["ordinary"]
    try:
        del layer.attrs["ordinary"]  # as in a model saved before session 26
        assert flag_column(layer, shipped, words) == [v & ~FLAG_BITS["O"] for v in before]
    finally:
        layer.attrs["ordinary"] = saved


def test_hashed_words_are_the_words() -> None:
    words = HashedWords(pack_words(["mensen", "Inhoud", "terugblik"]))
    assert len(words) == 3
    assert "mensen" in words and "inhoud" in words and "MENSEN" in words
    assert "sanne" not in words and "" not in words
    assert not HashedWords(b"") and "mensen" not in HashedWords(b"")


def test_hashed_words_on_both_halves_of_the_hash_range() -> None:
    """A hash below 2**63 and one above: session 38 passes the key as numpy's uint64 (a Python int below 2**63
    made numpy compare in another type), so both halves must still be found, and only they."""
    from spacy.strings import hash_string

    words = [f"woord{i}" for i in range(400)]
    halves = {hash_string(w) >= 2**63 for w in words}
    assert halves == {False, True}
    packed = HashedWords(pack_words(words))
    assert all(w in packed for w in words)
    assert not any(f"ander{i}" in packed for i in range(400))


ORDINARY = ["risico", "paragraaf", "burgerschap", "onderwijs", "kinderboeken", "week", "kop", "deel",
            "mensen", "inhoud", "zand", "voort"]
E3_LISTS = {**OLD_LISTS, "place": ["jeruzalem", "zandvoort"], "ordinary": ORDINARY}
"""A layer of e3's kind (session 26): an 'ordinary' list, no 'compounds' switch."""
COMPOUND_WORDS = ["Risicoparagraaf", "Burgerschapsonderwijs", "KINDERBOEKENWEEK", "Kopdeel", "Zandvoort",
                  "risicoparagraaf", "RisicoParagraaf", "Mensen", "Risicoweek", "Risico-paragraaf"]


def e3_bits(text: str, lists: dict[str, list[str]]) -> int:
    """The flag value of the e3 code (session 26), written out again as the reference."""
    ordinary = text[:1].isupper() and (text[1:].islower() or text.isupper()) and text.casefold() in lists["ordinary"]
    return d8_bits(text, lists) | (FLAG_BITS["O"] if ordinary else 0)


def test_compound_of_two_ordinary_words() -> None:
    """Two listed words of 4+ letters each, the head perhaps with the linking 's'; a part of 3 letters
    ('kop') is too short: names split into such parts ('Maar-ten')."""
    words = frozenset(ORDINARY)
    assert is_compound("risicoparagraaf", words)
    assert is_compound("burgerschapsonderwijs", words)  # burgerschap + s + onderwijs
    assert is_compound("risicokinderboekenweek", words)  # three parts
    assert not is_compound("kopdeel", words)
    assert not is_compound("risicoparagraafx", words)
    assert not is_compound("risico", words)
    assert not is_compound("risicokinderboekenweek", words, depth=1)  # a third part needs depth 2


def test_compound_gets_o_only_with_the_switch_and_never_for_a_place() -> None:
    """Capitalised or CAPITALS, letters only, no place of the lists ('Zandvoort' is zand + voort)."""
    lists = {key: frozenset(values) for key, values in E3_LISTS.items()}
    without = [flag_letters(w, lists) for w in COMPOUND_WORDS]
    assert without == ["", "", "", "", "P", "", "", "WO", "", ""]
    assert [flag_letters(w, lists, compounds=1) for w in COMPOUND_WORDS] == [
        "O", "O", "O", "", "P", "", "", "WO", "O", ""]
    # the shipped minimum length: 'Risicoweek' (10 letters) is as short as many compound surnames
    assert [flag_letters(w, lists, compounds=COMPOUND_MIN_LENGTH) for w in COMPOUND_WORDS] == [
        "O", "O", "O", "", "P", "", "", "WO", "", ""]


def test_runs_f1_f2_stored_true_meaning_any_length() -> None:
    """Runs f1-f2 stored `compounds = True`: read as 1, every compound keeps its 'O'."""
    nlp = spacy.blank("nl")
    layer = features_layer(E3_LISTS, compounds=COMPOUND_MIN_LENGTH)
    layer.attrs["compounds"] = True
    column = flag_column(layer, nlp, ["Risicoweek", "Risicoparagraaf"])
    assert all(v & FLAG_BITS["O"] for v in column)


def test_layer_without_the_compounds_switch_gives_e3_flags() -> None:
    """e3's layer (an 'ordinary' list, no 'compounds' attr) keeps its flags; the switch adds 'O' to the
    compounds only, and is stored only when on (a config without it builds the layer of before)."""
    nlp = spacy.blank("nl")
    old = features_layer(E3_LISTS)
    assert "compounds" not in old.attrs
    reference = [e3_bits(w, E3_LISTS) for w in COMPOUND_WORDS]
    assert flag_column(old, nlp, COMPOUND_WORDS) == reference
    new = features_layer(E3_LISTS, compounds=COMPOUND_MIN_LENGTH)
    assert new.attrs["compounds"] == COMPOUND_MIN_LENGTH
    column = flag_column(new, nlp, COMPOUND_WORDS)
    assert column != reference
    assert [v & ~FLAG_BITS["O"] for v in column] == [v & ~FLAG_BITS["O"] for v in reference]
    del new.attrs["compounds"]  # as e3 stores it: the lookup is rebuilt without compounds
    assert flag_column(new, nlp, COMPOUND_WORDS) == reference


def test_shipped_model_flags_compounds_as_its_config_says(shipped: Language) -> None:
    """The shipped layer's switch matches its config; without the switch, only compound tokens change."""
    layer = next(n for n in shipped.get_pipe("tok2vec").model.walk() if n.name == "lexflag_features")
    length = int(shipped.config["components"]["tok2vec"]["model"]["embed"].get("compounds", 0))
    assert int(layer.attrs.get("compounds", 0)) == length
    switch = bool(length)
    words = ["Risicoparagraaf", "Burgerschapsonderwijs", "Inhoud", "Sanne", "met", "Jeruzalem"]
    before = flag_column(layer, shipped, words)
    assert bool(before[0] & FLAG_BITS["O"]) == switch and bool(before[1] & FLAG_BITS["O"]) == switch
    if not switch:
        return
    try:
        del layer.attrs["compounds"]
        after = flag_column(layer, shipped, words)
        assert after == [before[0] & ~FLAG_BITS["O"], before[1] & ~FLAG_BITS["O"], *before[2:]]
    finally:
        layer.attrs["compounds"] = length
