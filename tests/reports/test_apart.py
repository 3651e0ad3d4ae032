"""The PDF written by a fork beside the other formats (reports.apart): the same files, all or nothing."""

from __future__ import annotations

import gc
import json
import os
import re
from pathlib import Path

import pypdfium2
import pytest

import reports
from reports import apart
from scanner.kernel.model import Report
from tests.reports.conftest import sample_report

NAMES = ["report.json", "report.xlsx", "report.html", "violations.csv", "report.pdf"]


def _pid_writer(real: reports.Writer) -> reports.Writer:
    """The real writer, and beside its file the process that wrote it."""
    def write(report: Report, folder: Path) -> Path:
        path = real(report, folder)
        (folder / f"{path.name}.pid").write_text(str(os.getpid()))
        return path

    return write


def test_the_pdf_and_csvs_are_written_by_another_process_and_every_file_lands(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = reports.writer
    monkeypatch.setattr(reports, "writer", lambda name: _pid_writer(real(name)))
    paths = reports.write_all(sample_report(), tmp_path / "out")
    assert [p.name for p in paths] == NAMES and all(p.stat().st_size > 0 for p in paths)
    pids = {p.name: int((tmp_path / "out" / f"{p.name}.pid").read_text()) for p in paths}
    assert pids["report.pdf"] == pids["violations.csv"] != os.getpid()
    assert {pids[n] for n in NAMES if n not in ("report.pdf", "violations.csv")} == {os.getpid()}
    assert (tmp_path / "out" / "report.pdf").read_bytes().startswith(b"%PDF")


def test_the_fork_leaves_the_parents_objects_to_the_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Frozen in the child (its collections would copy the pages of the report's objects), not in the parent."""
    real = reports.writer

    def counting(name: str) -> reports.Writer:
        def write(report: Report, folder: Path) -> Path:
            (folder / f"{name}.frozen").write_text(str(gc.get_freeze_count()))
            return real(name)(report, folder)

        return write

    monkeypatch.setattr(reports, "writer", counting)
    reports.write_all(sample_report(), tmp_path / "out")
    assert int((tmp_path / "out" / "pdf.frozen").read_text()) > 1000
    assert int((tmp_path / "out" / "json.frozen").read_text()) == 0 == gc.get_freeze_count()


def test_the_parts_the_fork_wrote_are_kept_for_the_next_run(tmp_path: Path) -> None:
    """A rescan takes the PDF's unchanged pages over only if the parent learnt which parts the fork wrote."""
    from reports.reuse import PARTS_FILE

    report = sample_report()
    report.body_digest = "d" * 16  # a report whose parts may be taken over by the next run
    reports.write_all(report, tmp_path / "out")
    kept = json.loads((tmp_path / "out" / PARTS_FILE).read_text(encoding="utf-8"))["files"]
    assert kept.get("report.pdf", {}).get("parts") and kept.get("report.json", {}).get("parts")


def _timeless(text: str) -> str:
    """The reports name the moment they were written (and the review the moment a violation was first seen)."""
    return re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?(\+00:00| \+00:00)?", "<tijd>", text)


def _pdf_text(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return "\f".join(pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf)))
    finally:
        pdf.close()


def test_one_process_and_the_fork_write_the_same_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports.write_all(sample_report(), tmp_path / "fork")  # a fresh report each time: the writers review it
    monkeypatch.setattr(apart, "APART", ())
    reports.write_all(sample_report(), tmp_path / "one")
    for name in ("report.json", "violations.csv", "findings.csv"):
        fork, one = ((tmp_path / d / name).read_text(encoding="utf-8") for d in ("fork", "one"))
        assert _timeless(fork) == _timeless(one)
    fork_pdf, one_pdf = (_pdf_text(tmp_path / d / "report.pdf") for d in ("fork", "one"))
    assert _timeless(fork_pdf) == _timeless(one_pdf)
    assert "Begin hier" in fork_pdf


def _previous_reports(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_failing_pdf_leaves_the_previous_reports_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         how: str) -> None:
    out = tmp_path / "out"
    reports.write_all(sample_report(), out)
    before = _previous_reports(out)
    real = reports.writer

    def broken_pdf(report: Report, folder: Path) -> Path:
        (folder / "report.pdf").write_bytes(b"%PDF half")
        if how == "dies":
            os._exit(3)  # killed, out of memory, a crashing library
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reports, "writer", lambda name: broken_pdf if name == "pdf" else real(name))
    with pytest.raises(OSError, match="No space left" if how == "raises" else "zonder antwoord.*afsluitcode 3"):
        reports.write_all(sample_report(), out)
    assert _previous_reports(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".avgscan-schrijven-")]


def test_only_the_pdf_is_written_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing to write beside it: no fork."""
    real = reports.writer
    monkeypatch.setattr(reports, "writer", lambda name: _pid_writer(real(name)))
    reports.write_all(sample_report(), tmp_path / "out", ["pdf"])
    assert int((tmp_path / "out" / "report.pdf.pid").read_text()) == os.getpid()
