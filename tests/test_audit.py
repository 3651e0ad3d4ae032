"""audit() called as a library: a reviewed report, the files, the exit code; errors as AvgscanError; no sys.argv."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from scanner.audit import Audit, CannotStart, audit
from scanner.config import load_config
from scanner.kernel.errors import EXIT_OK, EXIT_VIOLATIONS, AvgscanError
from scanner.kernel.model import FALSE_POSITIVE, OPEN
from scanner.state import StateStore
from tests.test_cli import school  # noqa: F401  (fixture)


class WatchedArgv(list[str]):
    """sys.argv that notes every read: a library call must not take its command line from the process."""

    reads = 0

    def __iter__(self):  # noqa: ANN204
        WatchedArgv.reads += 1
        return super().__iter__()

    def __getitem__(self, index):  # noqa: ANN001, ANN204
        WatchedArgv.reads += 1
        return super().__getitem__(index)

    def __len__(self) -> int:
        WatchedArgv.reads += 1
        return super().__len__()


def test_audit_reviews_writes_and_decides_the_exit_code(school: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    cfg = load_config(school / "avgscan.yaml")
    out = school / "out"
    monkeypatch.setattr(sys, "argv", WatchedArgv(["some-host-program", "--not-avgscan"]))
    WatchedArgv.reads = 0
    first = audit(cfg, out, workers=1, progress=False, show_values=True)
    assert WatchedArgv.reads == 0
    assert isinstance(first, Audit) and first.exit_code == EXIT_VIOLATIONS and first.out == out.resolve()
    assert [p.name for p in first.paths] == ["report.json", "report.xlsx", "report.html", "violations.csv",
                                             "report.pdf"]
    assert first.violations is first.report.violations and first.violations
    assert all(re.fullmatch(r"[0-9a-f]{16}", v.identity) and v.status == OPEN and v.change is None
               for v in first.violations)
    assert first.report.history.state_file and len(first.report.history.audits) == 1
    assert capsys.readouterr().out == ""  # the caller decides what the user sees
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [v["id"] for v in data["violations"]] == [v.identity for v in first.violations]
    assert data["settings"]["as_of"] == "2026-11-29"
    with StateStore.open(out, create=False) as store:
        [logged] = store.value_accesses()
    assert "some-host-program" not in logged["command"]  # the process's argv is not this scan's command

    triage = school / "triage.yaml"
    triage.write_text("false_positives:\n" + "".join(f"  - id: {v.identity}\n    reason: test\n"
                                                     for v in first.violations), encoding="utf-8")
    second = audit(cfg, out, triage=triage, workers=1, progress=False, formats=["json"], lang="en",
                   command=["avgscan", "scan", "--show-values"], show_values=True)
    assert second.exit_code == EXIT_OK and [p.name for p in second.paths] == ["report.json"]
    assert {v.status for v in second.violations} == {FALSE_POSITIVE}
    assert {v.change for v in second.violations} == {"persisting"}
    assert all(v.decision is not None and v.decision.reason == "test" for v in second.violations)
    assert second.report.lang == "en" and second.report.history.previous is not None
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["triage"]["open_violations"] == 0
    with StateStore.open(out, create=False) as store:
        assert store.value_accesses()[-1]["command"] == "avgscan scan --show-values"
    assert WatchedArgv.reads == 0


def test_audit_without_an_output_folder_writes_nothing(school: Path) -> None:  # noqa: F811
    before = sorted(p.name for p in school.iterdir())
    done = audit(load_config(school / "avgscan.yaml"), None, workers=1, progress=False)
    assert done.paths == [] and done.out is None and done.exit_code == EXIT_VIOLATIONS
    assert done.report.reviewed and all(v.identity == "" for v in done.violations)
    assert sorted(p.name for p in school.iterdir()) == before


def test_what_cannot_start_is_an_avgscan_error(school: Path) -> None:  # noqa: F811
    cfg = load_config(school / "avgscan.yaml")
    (school / "leerlingen.csv").unlink()
    with pytest.raises(AvgscanError, match=r"^kan niet starten: .*leerlingen\.csv"):
        audit(cfg, school / "out", workers=1, progress=False)
    (school / "triage.yaml").write_text("acepted: []\n", encoding="utf-8")
    with pytest.raises(CannotStart, match=r"triage\.yaml: acepted"):
        audit(cfg, school / "out2", triage=school / "triage.yaml", workers=1, progress=False)
    with pytest.raises(CannotStart, match="--resume en --full"):
        audit(cfg, school / "out3", full=True, resume=True)
    with pytest.raises(CannotStart, match="gescande map"):
        audit(cfg, school / "share" / "rapport", workers=1, progress=False)
    assert not (school / "share" / "rapport").exists()
