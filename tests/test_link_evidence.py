"""Linking as evidence: how sure each pupil link is, and adults who share a name with a (former) pupil.

The traps are the ones that made false violations on schools avgscan had never seen: a party's contact
person written 't.a.v. J. de Boer', a staff member 'A. van Dijk (IB)', a father named exactly like a
former pupil, a signature. Each case is a text (and a path); `expect` maps a leerlingnummer to the
strength its link must have, and `confirmed` lists the pupils strong enough for a violation.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scanner.detection.detect import detect
from scanner.detection.engine import build_analyzer
from scanner.kernel.model import Detected, TextUnit
from scanner.linking import RegisterIndex, folder_regex, link, row_keys
from scanner.person_roles import mark_roles
from scanner.records.loading import Records
from tests.conftest import pupil

FORMER = date(2019, 7, 31)
PUPILS = [
    pupil("3001", "Jesse", "Boer", "de", date(2005, 3, 1), left=FORMER),
    pupil("3002", "Anna", "Dijk", "van", date(2006, 4, 2), left=FORMER),
    pupil("3003", "Jan", "Boer", "de", date(2004, 5, 3), left=FORMER),  # his father is also Jan de Boer
    pupil("3004", "Sanne", "Vries", "de", date(2015, 2, 3), bsn="111222333"),
    pupil("2024", "Tim", "Smit", "", date(2015, 6, 7)),  # a leerlingnummer that looks like a year
]
STAFF = ["Anouk van Dijk"]
PARENTS = ["Jan de Boer", "Karin de Vries"]


@pytest.fixture(scope="module")
def setup():  # noqa: ANN201
    records = Records(pupils=PUPILS, consents=[], staff=STAFF, parents=PARENTS)
    return build_analyzer(records.known_people()), RegisterIndex.build(PUPILS, staff=STAFF, parents=PARENTS)


def _link(setup, texts: list[str], path: str = "Extern/SWV/brief.docx"):  # noqa: ANN001, ANN202
    analyzer, index = setup
    units = [TextUnit(place=f"alinea {i}", text=t) for i, t in enumerate(texts)]
    findings = detect(analyzer, "share", path, units, keyer=index.keyer)
    mark_roles(units, findings)
    detected = Detected(findings=findings, rows=row_keys(units, index.keyer))
    return findings, link(path, False, detected, index, folder_regex("{achternaam}, {roepnaam} ({leerlingnummer})"))


CASES = [
    # (id, texts, path, {leerlingnummer: strength}, confirmed)
    ("contact person t.a.v.", ["Ingediend bij het samenwerkingsverband t.a.v. J. de Boer."], None, {}, []),
    ("contact person label", ["Contactpersoon: mw. J. de Boer", "Betreft: aanvraag arrangement"], None, {}, []),
    ("staff with role after", ["Aanwezig: A. van Dijk (IB), moeder en de mentor."], None, {}, []),
    ("staff initials without a cue", ["Het verslag is besproken met A. van Dijk."], None, {}, []),
    ("signature", ["Met vriendelijke groet,", "J. de Boer", "Intern begeleider"], None, {}, []),
    ("father in parents' field", ["Naam vader: Jan de Boer", "Telefoon: 06-12345678"], None, {}, []),
    ("namesake adult, no cue", ["Jan de Boer belde over de verhuizing."], None, {"3003": "weak"}, []),
    ("namesake with his birth date", ["Jan de Boer (geboren 03-05-2004) heeft dyslexie."], None,
     {"3003": "strong"}, ["3003"]),
    ("namesake with his group", ["4. Jan de Boer (VSO 6). Er is sprake van epilepsie."], None, {"3003": "strong"},
     ["3003"]),
    ("abbreviated name alone", ["Het dossier van S. de Vries is compleet."], None, {"3004": "weak"}, []),
    ("abbreviated name of two people", ["Het dossier van J. de Boer is compleet."], None, {}, []),
    ("full name", ["Jesse de Boer heeft ADHD."], None, {"3001": "medium"}, ["3001"]),
    ("full name with birth date", ["Jesse de Boer, geboren 01-03-2005, heeft ADHD."], None,
     {"3001": "strong"}, ["3001"]),
    ("pupil field", ["Naam leerling: Jesse de Boer"], None, {"3001": "strong"}, ["3001"]),
    ("pupil cue with initials", ["Overdracht lln. S. de Vries naar het VSO."], None, {"3004": "medium"}, ["3004"]),
    ("file name", ["Verslag van het gesprek."], "Extern/SWV/Verslag Jesse de Boer 2024.docx",
     {"3001": "strong"}, ["3001"]),
    ("file name surname first", ["Verslag."], "Aanmeldingen/Aanmelding Boer, Jesse de.docx", {"3001": "strong"},
     ["3001"]),
    ("BSN is decisive", ["BSN 111222333"], None, {"3004": "decisive"}, ["3004"]),
    ("year folder is no leerlingnummer", ["Notulen."], "Verslagen 2024/notulen.docx", {}, []),
]


@pytest.mark.parametrize(("texts", "path", "expect", "confirmed"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_link_strength(setup, texts: list[str], path: str | None, expect: dict[str, str],  # noqa: ANN001
                       confirmed: list[str]) -> None:
    _, subjects = _link(setup, texts, path or "Extern/SWV/brief.docx")
    assert {s.leerlingnummer: s.strength for s in subjects} == expect
    assert sorted(s.leerlingnummer for s in subjects if s.confirmed) == confirmed
    for s in subjects:
        assert s.evidence and all("Jesse" not in e and "Vries" not in e for e in s.evidence), s.evidence  # masked


def test_adult_findings_are_still_persons(setup) -> None:  # noqa: ANN001
    findings, _ = _link(setup, ["Ingediend t.a.v. J. de Boer."])
    people = [f for f in findings if f.entity_type == "PERSON"]
    assert people and all(f.role == "adult" and f.leerlingnummer is None for f in people)


def test_a_rule_about_the_whole_item_is_not_reviewed_again() -> None:
    """An open file already reported (no pupil named) is not put before the FG a second time because a
    weak link would name one; a retention problem only the weak link raises is."""
    from scanner.config import build_config
    from scanner.kernel.model import Access, Finding, Item, ScannedItem, Subject
    from scanner.link_review import to_review
    from scanner.linking import RegisterIndex
    from scanner.rules import RULES, RuleContext

    cfg = build_config({"sources": [{"name": "share", "type": "filesystem", "path": "."}]}, "test", Path("."))
    ctx = RuleContext(policy=cfg.policy, as_of=date(2026, 12, 1), register=RegisterIndex.build(PUPILS), consents=[])
    item = Item(source="share", path="Gedeeld/lijst.docx", kind="file", role="open",
                access=Access(mode=0o640))
    bsn = Finding(source="share", path=item.path, place="p", entity_type="NL_BSN", score=1.0, evidence="x",
                  recognizer="t", value="x")
    scanned = ScannedItem(item=item, findings=[bsn], subjects=[Subject("3001", "name", 0.4, strength="weak",
                                                                       evidence=["alleen verkorte naam"])])
    rules = [r for r in RULES if r.code in ("open-access", "retention-expired")]
    reported = [v for r in rules for v in r.check(scanned, ctx)]
    assert [(v.rule, v.leerlingnummer) for v in reported] == [("open-access", None)]
    assert [(v.rule, v.leerlingnummer) for v in to_review(scanned, rules, ctx, reported)] == \
        [("retention-expired", "3001")]


def test_a_role_is_read_in_the_piece_of_a_long_paragraph_the_name_is_in() -> None:
    """split_long keeps a paragraph's place in every piece: the role must be read in the name's own piece."""
    from scanner.detection.paragraphs import split_long
    from scanner.kernel.model import Finding

    units = split_long([TextUnit("alinea 1", "Ingediend t.a.v. Jan de Boer. " + "bla " * 1200)])
    assert len(units) == 2 and units[0].place == units[1].place
    name = Finding(source="s", path="p", place="alinea 1", entity_type="PERSON", score=1.0, evidence="",
                   recognizer="t", value="Jan de Boer", start=17, end=28)
    mark_roles(units, [name])
    assert (name.role, name.role_cue) == ("adult", "t.a.v.")
