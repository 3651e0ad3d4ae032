"""House styles of the demo generator and issue 13's traps: a second school that looks nothing like the
first, deterministic for a seed, with every trap planted and a truth/ folder that is consistent.

These tests check the generator and its truth, not the scanner (tests/test_trap_schools.py does that).
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.config import load_config
from scanner.demo import build_demo_school, plan_school
from scanner.demo.planner import TRAP_CLASSES
from scanner.demo.scoring import entity_counts, rates, score_truth, violation_counts
from scanner.demo.styles import STYLE_NAMES, style_by_name
from scanner.linking import folder_regex

SECOND = "meerstroom"
# ../shared next to the checkout (or next to the folder of worktrees); CI may have neither
SHARED_SCORER = next((p / "shared" / "tools" / "score.py" for p in Path(__file__).resolve().parents[1:4]
                      if (p / "shared" / "tools" / "score.py").exists()), Path("/nonexistent"))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("styles") / SECOND
    build_demo_school(root, style=SECOND)
    return root


def test_second_style_is_deterministic(school: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_demo_school(again, style=SECOND)
    share = school / "share"
    files = sorted(p.relative_to(share).as_posix() for p in share.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again / "share").as_posix() for p in (again / "share").rglob("*")
                           if p.is_file())
    by_suffix = {Path(p).suffix: p for p in files}
    assert set(by_suffix) >= {".docx", ".odt", ".pdf", ".eml", ".xlsx", ".csv", ".txt"}
    for rel in [f"share/{p}" for p in by_suffix.values()] + ["truth/expected_entities.csv", "truth/controls.csv",
                                                              "records/leerlingen.csv", "avgscan.yaml"]:
        assert (school / rel).read_bytes() == (again / rel).read_bytes(), rel


def test_second_style_looks_different() -> None:
    one, two = plan_school(), plan_school(style=SECOND)
    tops = {d.place.path.split("/")[0] for d in one.docs}, {d.place.path.split("/")[0] for d in two.docs}
    assert not tops[0] & tops[1], tops
    assert one.organisation.name != two.organisation.name
    assert {p.woonplaats for p in one.pupils} != {p.woonplaats for p in two.pupils}
    assert len({p.achternaam for p in one.pupils} & {p.achternaam for p in two.pupils}) < 10

    def labels(plan: object) -> set[str]:
        return {str(r[0]) for d in plan.docs for b in d.blocks if b.kind == "form" for r in b.rows}  # type: ignore

    assert "Geb.datum" in labels(two) and "Geb.datum" not in labels(one)
    assert "Naam kind" in labels(two) and "Naam leerling" in labels(one)
    mails = [b.text for d in two.docs if d.mail for b in d.blocks]
    assert mails and all(t.startswith("Geachte") for t in mails)
    assert any(t.startswith("Beste") for d in one.docs if d.mail for t in (b.text for b in d.blocks))


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_every_trap_is_planted(style: str) -> None:
    plan = plan_school(style=style)
    assert set(plan.traps) == set(TRAP_CLASSES), set(TRAP_CLASSES) - set(plan.traps)
    by_number = {p.leerlingnummer: p for p in plan.pupils}
    kinds = {kind for kind, _, _ in plan.namesakes}
    assert kinds == {"staff", "contact", "parent"}
    for kind, adult, former in plan.namesakes:
        pupil = by_number[former]
        assert pupil.status == "expired" and adult != pupil.full or kind == "parent"
        initials = f"{adult.split()[0][0]}. {' '.join(adult.split()[1:])}"
        assert initials == pupil.initial_form, (kind, adult, pupil.full)
        if kind == "parent":
            assert adult == pupil.full
    docs = {d.place.path: d for d in plan.docs}
    rows = {r.place.path: r for r in plan.rows}
    formers = {former for _, _, former in plan.namesakes}
    for kind in ("staff_namesake", "contact_namesake", "parent_namesake"):
        for path in plan.traps[kind]:  # the namesake is never whom the document is about
            assert not {p.leerlingnummer for p in docs[path].place.subjects} & formers, path
    texts = {path: " ".join(b.text for b in d.blocks) + " ".join(str(c) for b in d.blocks for r in b.rows for c in r)
             for path, d in docs.items()}
    assert any(re.search(r"(t\.a\.v\.|contactpersoon:) (mw\. |dhr\. )?[A-Z]\. ", texts[p])
               for p in plan.traps["contact_namesake"])
    assert any(re.search(r"[A-Z]\. [\w ]+ \(IB\)", texts[p]) for p in plan.traps["staff_namesake"])
    split = [docs[p] for p in plan.traps["split_name_applicant"]]
    suffixes = {Path(d.place.path).suffix for d in split}
    assert suffixes & {".docx", ".odt"} and suffixes & {".pdf", ".txt"}, suffixes
    for d in split:
        assert len(d.place.unknown_children) == 1 and d.place.unknown_children[0] in d.place.path
        labels = {str(r[0]) for b in d.blocks if b.kind == "form" for r in b.rows}
        assert {"Achternaam", "Voornamen", "Roepnaam"} <= labels
    wordless = {s for t in style_by_name(style).towns for s in t.wordless}
    assert any(p.straat in wordless for p in plan.pupils if p.status == "current")
    exports = {path.split("#")[0] for path in plan.traps["export_dates"]}
    assert exports == {"table:overdracht_jeugdhulp", "table:aanmelding_gezinsteam"}
    undated = [rows[p] for p in plan.traps["export_dates"] if "gezinsteam" in p]
    assert all(r.place.share_date == plan.as_of and not any("datum" in c or "_op" in c for c in r.values)
               for r in undated)
    assert any(docs[p].place.needs == "folder" for p in plan.traps["folder_or_file_name_only"] if p in docs)


def test_traps_scale_with_the_school() -> None:
    small, large = plan_school(style=SECOND), plan_school(style=SECOND, pupils=180)
    for kind in ("split_name_applicant", "export_dates", "folder_or_file_name_only"):
        assert len(large.traps[kind]) >= 2 * len(small.traps[kind]), kind


def test_truth_files_are_consistent(school: Path) -> None:
    truth = school / "truth"
    expected = _rows(truth / "expected_violations.csv")
    controls = _rows(truth / "controls.csv")
    flagged = {r["path"] for r in expected}
    control_paths = [r["path"] for r in controls]
    assert not flagged & set(control_paths)
    assert len(control_paths) == len(set(control_paths))
    share = school / "share"
    files = {p.relative_to(share).as_posix() for p in share.rglob("*") if p.is_file()}
    share_paths = {p for p in flagged | set(control_paths) if not p.startswith("table:")}
    assert share_paths == files
    entities = _rows(truth / "expected_entities.csv")
    assert {r["path"] for r in entities if not r["path"].startswith("table:")} <= files
    types = {r["entity_type"] for r in entities}
    assert types >= {"PERSON", "ADDRESS", "NL_POSTCODE", "DATE_OF_BIRTH", "NL_BSN", "PHONE_NUMBER", "EMAIL_ADDRESS",
                     "HEALTH"}
    plan = plan_school(style=SECOND)
    staff_names = {s.full for s in plan.staff}
    person_values = {r["value"] for r in entities if r["entity_type"] == "PERSON"}
    assert staff_names & person_values and {c.full for c in plan.contacts} & person_values
    assert {p.address for p in plan.pupils if p.status == "current"} & {r["value"] for r in entities
                                                                         if r["entity_type"] == "ADDRESS"}
    meta = {r["path"] for r in _rows(truth / "file_meta.csv")}
    assert files <= meta
    decoys = _rows(truth / "decoys.csv")
    assert {"BRIN", "KVK", "ADDRESS", "DATE"} <= {r["decoy_kind"] for r in decoys}


def test_config_fits_the_layout(school: Path) -> None:
    cfg = load_config(school / "avgscan.yaml")
    share = cfg.sources[0]
    rx = folder_regex(share.folder_pattern or "")
    plan = plan_school(style=SECOND)
    numbers = {p.leerlingnummer for p in plan.pupils}
    dossiers = [d.place.path.split("/")[-2] for d in plan.docs if d.place.path.startswith(("Leerlingen/",
                                                                                           "Oud-leerlingen/"))]
    assert dossiers
    for folder in dossiers:
        m = rx.match(folder)
        assert m and m.group("leerlingnummer") in numbers, folder
    assert set(share.roles) == set(style_by_name(SECOND).roles)
    assert set(share.outbound.values()) == set(style_by_name(SECOND).parties.values())
    assert cfg.records.staff is not None and (school / cfg.records.staff.path).exists()  # type: ignore[operator]


def test_in_repo_scorer_scores_the_truth(school: Path) -> None:
    truth = school / "truth"
    expected = _rows(truth / "expected_violations.csv")
    perfect = rates(violation_counts(truth, expected))
    assert perfect["ALL"]["f1"] == 1.0 and perfect["ALL"]["fp_on_controls"] == 0
    control = _rows(truth / "controls.csv")[0]
    worse = rates(violation_counts(truth, expected[1:] + [{**control, "rule": "open-access"}]))
    assert worse["ALL"]["fn"] == 1 and worse["ALL"]["fp"] == 1 and worse["ALL"]["fp_on_controls"] == 1
    entities = _rows(truth / "expected_entities.csv")
    ents = entity_counts(truth, [{**r} for r in entities])
    assert all(c.get("fn", 0) == 0 for c in ents.values())
    assert score_truth(truth, expected)["violations"]["ALL"]["recall"] == 1.0


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="../shared is not there")
def test_shared_scorer_reads_the_truth(school: Path, tmp_path: Path) -> None:
    """The truth/ folder is in the shared scorer's format: it scores the truth itself as perfect."""
    out = subprocess.run([sys.executable, str(SHARED_SCORER), str(school), "--violations",
                          str(school / "truth" / "expected_violations.csv"), "--entities",
                          str(school / "truth" / "expected_entities.csv")], capture_output=True, text=True, check=True)
    assert re.search(r"ALL\s+\d+\s+0\s+0\s+0\s+1\.0\s+1\.0\s+1\.0", out.stdout), out.stdout
