"""Everyday use (issue 16): unread sources are loud, triage IDs travel, progress, Ctrl-C, Dutch throughout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scanner.cli import main
from scanner.coverage import fix_for
from tests.test_cli import CONFIG, school  # noqa: F401  (fixture)

DEAD_DB = "postgresql://avgscan@127.0.0.1:1/leerlingen"  # nothing listens on port 1: refused at once


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture()
def with_dead_database(school: Path) -> Path:  # noqa: F811
    extra = f"  - name: leerlingdb\n    type: database\n    url: {DEAD_DB}\n"
    cfg = CONFIG.replace("records:", extra + "records:")
    (school / "avgscan.yaml").write_text(cfg, encoding="utf-8")
    return school


def test_unread_source_is_first_and_red_everywhere_without_all_clear(with_dead_database: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = with_dead_database / "out"
    assert main(["scan", "--config", str(with_dead_database / "avgscan.yaml"), "--out", str(out)]) == 3
    terminal = flat(capsys.readouterr().out)
    assert terminal.startswith(" BRON NIET (VOLLEDIG) GELEZEN")
    assert "leerlingdb kon niet worden gelezen" in terminal and "Oplossing: Controleer server, poort" in terminal
    assert "Unreadable:" not in terminal
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.index('id="niet-gelezen"') < html.index('id="datalek"') < html.index('id="kerncijfers"')
    assert 'class="breach gap"' in html and "Geen mogelijke datalekken gevonden" not in html
    assert 'class="ok"' not in html
    wb = load_workbook(out / "report.xlsx")
    summary = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None]
    first_gap = next(n for n, v in enumerate(summary) if v.startswith("BRON NIET"))
    assert first_gap < summary.index("Items") and "leerlingdb kon niet worden gelezen" in summary[first_gap]
    fills = [c.fill.fgColor.rgb for row in wb.worksheets[0].iter_rows() for c in row
             if str(c.value or "").startswith("BRON NIET")]
    assert fills and all(f.endswith("F8D7DA") for f in fills)
    breach_sheet = [str(c.value) for row in wb["Mogelijk datalek"].iter_rows() for c in row if c.value]
    assert not any("Geen mogelijke datalekken" in v for v in breach_sheet)
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["statistics"]["unreadable"] >= 1
    assert [(g["source"], g["whole"]) for g in data["source_gaps"]] == [("leerlingdb", True)]


def test_a_readable_school_still_gets_its_all_clear(school: Path) -> None:  # noqa: F811
    out = school / "out"
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out)])
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="niet-gelezen"' not in html


def test_a_large_unreadable_part_is_flagged_a_small_one_not(school: Path, capsys: pytest.CaptureFixture[str]  # noqa: F811
                                                            ) -> None:
    for n in range(3):
        (school / "share" / "Gedeeld" / f"kapot{n}.docx").write_bytes(b"PK\x03\x04 not a zip")
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(school / "out")])
    terminal = flat(capsys.readouterr().out)
    assert re.search(r"share: 3 van 7 onderdelen \(43%\) konden niet worden gelezen", terminal)
    for n in range(2):
        (school / "share" / "Gedeeld" / f"kapot{n}.docx").unlink()
    for n in range(6):
        (school / "share" / "Gedeeld" / f"leeg{n}.txt").write_text("niets bijzonders", encoding="utf-8")
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(school / "out")])
    assert "GELEZEN" not in capsys.readouterr().out


@pytest.mark.parametrize(("reason", "kind", "expected"), [
    ('database niet bereikbaar: connection failed: FATAL: password authentication failed for user "fg"',
     "database", "AVGSCAN_DB_PASSWORD"),
    ("database niet bereikbaar: (1045, \"Access denied for user 'fg'@'10.0.0.2' (using password: NO)\")",
     "database", "AVGSCAN_DB_PASSWORD"),
    ("SMB-server nas01:445 niet bereikbaar of aanmelden mislukt: STATUS_LOGON_FAILURE", "smb", "AVGSCAN_SMB_PASSWORD"),
    ("/mnt/q: map bestaat niet of is geen map", "filesystem", "Controleer het pad"),
    ("/srv/share: map kan niet worden geopend (Permission denied)", "filesystem", "leesrechten"),
    ("iets onbekends", "filesystem", "scan opnieuw"),
])
def test_the_fix_follows_the_reason(reason: str, kind: str, expected: str) -> None:
    assert expected in fix_for(reason, kind)
    assert fix_for(reason, kind, "en") != fix_for(reason, kind)


def _ids(out: Path) -> dict[tuple[str, str], str]:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {(v["rule"], v["path"]): v["id"] for v in report["violations"]}


def test_one_triage_file_matches_in_every_output_folder(school: Path, capsys: pytest.CaptureFixture[str]  # noqa: F811
                                                        ) -> None:
    cfg = str(school / "avgscan.yaml")
    main(["scan", "--config", cfg, "--out", str(school / "out1")])
    ids = _ids(school / "out1")
    first = sorted(ids.values())[0]
    triage = school / "triage.yaml"
    triage.write_text(f"false_positives:\n  - id: {first}\n    reason: test\n  - id: 0123456789abcdef\n"
                      "    reason: verkeerd overgenomen\n", encoding="utf-8")
    capsys.readouterr()
    main(["scan", "--config", cfg, "--out", str(school / "out2"), "--triage", str(triage)])
    assert _ids(school / "out2") == ids
    report = json.loads((school / "out2" / "report.json").read_text(encoding="utf-8"))
    assert [v["status"] for v in report["violations"] if v["id"] == first] == ["false-positive"]
    terminal = flat(capsys.readouterr().out)
    assert "0123456789abcdef" in terminal and first not in terminal.partition("horen")[2]


def test_a_secret_gives_the_same_ids_on_another_machine(school: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                                        tmp_path: Path) -> None:
    cfg = str(school / "avgscan.yaml")
    monkeypatch.setenv("AVGSCAN_ORG_KEY", "correct horse battery staple")
    main(["scan", "--config", cfg, "--out", str(school / "a")])
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other-machine"))
    main(["scan", "--config", cfg, "--out", str(school / "b")])
    assert _ids(school / "a") == _ids(school / "b")
    monkeypatch.delenv("AVGSCAN_ORG_KEY")
    main(["scan", "--config", cfg, "--out", str(school / "c")])
    assert set(_ids(school / "c").values()).isdisjoint(_ids(school / "a").values())


def test_an_old_folder_keeps_its_history_and_triage_when_ids_change(school: Path) -> None:  # noqa: F811
    """Before organisation keys, IDs were keyed per folder; the first scan after the change translates them."""
    from reports import write_all
    from scanner.config import load_config
    from scanner.pipeline import run_scan
    from scanner.triage import ReviewSession

    cfg, out = str(school / "avgscan.yaml"), school / "out"
    old = ReviewSession.open(out)  # as the previous version did: no organisation key
    report = run_scan(load_config(cfg), store=old.store)
    old.apply(report)
    write_all(report, out)
    old_ids = sorted(_ids(out).values())
    triage = school / "triage.yaml"
    triage.write_text(f"false_positives:\n  - id: {old_ids[0]}\n    reason: oud ID\n", encoding="utf-8")
    main(["scan", "--config", cfg, "--out", str(out), "--triage", str(triage)])
    new = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(_ids(out).values()).isdisjoint(old_ids)
    assert {v["change"] for v in new["violations"]} == {"persisting"}
    assert sum(v["status"] == "false-positive" for v in new["violations"]) == 1


# -- progress and Ctrl-C, through a pseudo-terminal ------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def many_files(folder: Path, n: int = 300) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"notitie{i:03d}.txt").write_text(
            f"Gesprek {i} met de ouders van Sanne de Vries over haar dyslexie en het rooster van groep {i % 8}.\n"
            * 3, encoding="utf-8")
    return folder


def run_on_pty(argv: list[str], until: re.Pattern[str] | None = None, then: bytes = b"",
               guard_s: float = 180) -> tuple[int, str]:
    """Run `python -m scanner.cli ARGV` on a pseudo-terminal; once the output matches `until`, type
    `then` (b"\\x03" is Ctrl-C: the terminal sends SIGINT to the whole foreground group, workers too).
    `guard_s` only stops a hung test; it measures nothing."""
    import os
    import pty
    import select
    import signal
    import sys
    import time

    env = dict(os.environ, TERM="xterm-256color", COLUMNS="140", PYTHONPATH=str(ROOT))
    pid, fd = pty.fork()
    if pid == 0:  # the child: its own session with the pty as controlling terminal
        os.chdir(ROOT)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # as a shell starts a foreground job: Ctrl-C not ignored
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        os.execve(sys.executable, [sys.executable, "-m", "scanner.cli", *argv], env)
    out, typed, deadline = b"", False, time.monotonic() + guard_s
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        if until is not None and not typed and until.search(out.decode("utf-8", "replace")):
            os.write(fd, then)
            typed = True
    else:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


def test_progress_on_a_terminal_and_silence_elsewhere(tmp_path: Path) -> None:
    import subprocess
    import sys

    share = many_files(tmp_path / "share", 40)
    code, screen = run_on_pty(["scan", str(share), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert code in (0, 1), screen
    assert re.search(r"Scannen.*share.*\d+ items · \d+ vondsten · [\d,]+ per s", screen), screen
    log = (tmp_path / "out" / "avgscan.log").read_text(encoding="utf-8")
    assert "scan gestart" in log and "bron share" in log and "scan klaar: 40 items" in log
    assert oct((tmp_path / "out" / "avgscan.log").stat().st_mode & 0o777) == "0o600"
    # a second scan knows how many items to expect: a bar with the time left
    code, screen = run_on_pty(["scan", str(share), "--out", str(tmp_path / "out"), "--workers", "1", "--full"])
    assert re.search(r"━.*\d+:\d\d:\d\d", screen), screen
    piped = subprocess.run([sys.executable, "-m", "scanner.cli", "scan", str(share), "--out", str(tmp_path / "o2")],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "Scannen" not in piped.stdout + piped.stderr
    quiet = subprocess.run([sys.executable, "-m", "scanner.cli", "scan", str(share), "--quiet", "--out",
                            str(tmp_path / "o3")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "Overtredingen per regel" not in quiet.stdout and "Rapport:" in quiet.stdout


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_stops_cleanly_keeps_the_work_and_resume_continues(tmp_path: Path, workers: str) -> None:
    import subprocess
    import sys

    share = many_files(tmp_path / "share", 600)
    out = tmp_path / "out"
    code, screen = run_on_pty(["scan", str(share), "--out", str(out), "--workers", workers],
                              until=re.compile(r"[1-9]\d* items"), then=b"\x03")
    assert code == 130, screen
    assert "Traceback" not in screen and "KeyboardInterrupt" not in screen
    text = flat(screen)
    assert "Scan afgebroken." in text and "--resume" in text and "zijn bewaard" in text
    assert not (out / "report.json").exists()
    done = int(re.search(r"(\d+) items waren klaar", text).group(1))  # type: ignore[union-attr]
    assert 0 < done < 600
    again = subprocess.run([sys.executable, "-m", "scanner.cli", "scan", str(share), "--out", str(out), "--resume",
                            "--workers", workers], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "Voortgezet" in again.stdout, again.stdout + again.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["statistics"]["items"] == 600 and report["statistics"]["cache_hits"] >= done


def test_ctrl_c_swallowed_on_the_way_still_stops_the_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A library that catches every exception can eat the KeyboardInterrupt; the next item stops the scan."""
    import os
    import signal

    from scanner.pipeline import Scanner

    share = many_files(tmp_path / "share", 60)
    detect_item, calls = Scanner.detect_item, []

    def swallowing(self: Scanner, item: object, content: object) -> object:
        calls.append(item)
        if len(calls) == 5:
            try:
                os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives while the library runs ...
                sum(range(100_000))
            except BaseException:  # noqa: S110, BLE001  (... and the library swallows it)
                pass
        return detect_item(self, item, content)  # type: ignore[arg-type]

    monkeypatch.setattr(Scanner, "detect_item", swallowing)
    code = main(["scan", str(share), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert code == 130
    assert 5 <= len(calls) <= 6, len(calls)  # the item after the swallowed Ctrl-C was the last one
    assert "Scan afgebroken." in flat(capsys.readouterr().err)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # given back after the scan


# -- what first ------------------------------------------------------------------------------------

def test_begin_hier_on_top_of_every_report_in_priority_order(school: Path,  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_cli import write_docx

    write_docx(school / "share/Gedeeld/zorg groep 5.docx", "Sanne de Vries (BSN 111222333) heeft ADHD.", mode=0o644)
    out = school / "out"
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out)])
    terminal = flat(capsys.readouterr().out)
    start = terminal.index("Begin hier")
    assert terminal.index("MOGELIJK DATALEK") < start < terminal.index("Overtredingen per regel")
    first = terminal[start:].split(" 2. ")[0]
    assert "Gedeeld/zorg groep 5.docx" in first and "mogelijk datalek" in first
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.index('id="datalek"') < html.index('id="begin-hier"') < html.index('id="kerncijfers"')
    start_table = html[html.index('id="start-here"'):]
    assert start_table.index("zorg groep 5.docx") < start_table.index("</tr>", start_table.index("<tbody>"))
    wb = load_workbook(out / "report.xlsx")
    cells = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert cells.index("Begin hier") < cells.index("Items")
    sheet = wb["Overtredingen"]
    header = [c.value for c in sheet[1]]
    prio = [r[header.index("Prioriteit")].value for r in sheet.iter_rows(min_row=2)]
    assert prio == sorted(prio, reverse=True) and "Gedeeld" in sheet.cell(2, header.index("Plek") + 1).value
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["start_here"][0]["path"] == "Gedeeld/zorg groep 5.docx" and "breach" in data["start_here"][0]["why"]


def test_priority_points_follow_the_documented_factors() -> None:
    from datetime import date

    from reports.priority import priorities, settings
    from scanner.kernel.model import Access, Finding, Item, Report, Settings, Violation
    from scanner.triage import plain_review

    def finding(path: str, kind: str) -> Finding:
        return Finding(source="s", path=path, place="p", entity_type=kind, score=1, evidence="x", recognizer="r",
                       value="v")

    items = [Item("s", "klas.xlsx", "file"), Item("s", "brief.docx", "file"),
             Item("s", "open.docx", "file", access=Access(world_readable=True))]
    findings = [finding("klas.xlsx", "PERSON"), finding("brief.docx", "HEALTH"), finding("open.docx", "PERSON")]

    def v(path: str, nummer: str, idx: int) -> Violation:
        return Violation(rule="retention-expired", severity="hoog", source="s", path=path, leerlingnummer=nummer,
                         message="", legal_reference="", findings=[idx])

    report = Report(items=items, findings=findings, violations=[
        v("klas.xlsx", "1", 0), v("klas.xlsx", "2", 0), v("klas.xlsx", "3", 0), v("brief.docx", "4", 1),
        v("open.docx", "5", 2)], exempt=[], kept_by_law=[], skipped_rules=[],
        settings=Settings(as_of=date(2026, 11, 29)), statistics={})
    pts = settings()["points"]
    got = [p.points for p in priorities(plain_review(report))]
    base = pts["severity"]["hoog"]
    assert got[0] == base + 2 * pts["per_other_pupil"]  # three pupils in one place
    assert got[3] == base + pts["special_categories"]
    assert got[4] == base + pts["place"]["world_readable"]


# -- Dutch throughout --------------------------------------------------------------------------------

# Words that are English and not Dutch: none may reach a Dutch user. Codes that look English (rule
# codes, entity types, option names, file names) are allowed and removed before the check.
ENGLISH = {"the", "usage", "error", "required", "cannot", "expected", "field", "extra", "inputs", "permitted",
           "not", "found", "invalid", "choice", "choose", "from", "file", "show", "this", "help", "message",
           "and", "exit", "options", "arguments", "must", "should", "unknown", "missing", "with", "which",
           "could", "unreadable", "deleted", "warning", "no", "such", "directory", "permission", "denied",
           "did", "you", "mean", "please", "install", "failed", "already", "exists", "only", "positional",
           "optional", "value", "before", "after", "older", "than", "days", "key"}
ALLOWED = [r"--[a-z-]+", r"\b-[a-z]\b", r"\b[a-z]+(?:-[a-z]+)+\b", r"\b[A-Z][A-Z_]{2,}\b", r"\S+\.(?:yaml|json|xlsx|"
           r"html|csv|txt|docx|log|key|sqlite|pdf)\b", r"\bavgscan(?:\[\w+\])?\b", r"(?:sqlite|postgresql)://\S*",
           r"`[^`]*`", r"'[^']*'", r"\{[^}]*\}"]


def english_words(text: str, tmp: Path) -> set[str]:
    text = text.replace(str(tmp), " ")
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text)
    return {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH}


def test_every_command_and_error_path_speaks_dutch(school: Path, capsys: pytest.CaptureFixture[str]  # noqa: F811
                                                   ) -> None:
    cfg, out = str(school / "avgscan.yaml"), str(school / "out")
    bad_key = school / "typo.yaml"
    bad_key.write_text(CONFIG.replace("path: share", "path: share\n    folder_patern: x"), encoding="utf-8")
    bad_type = school / "type.yaml"
    bad_type.write_text(CONFIG.replace("type: filesystem", "type: ftp").replace("as_of: 2026-11-29", "as_of: morgen"),
                        encoding="utf-8")
    (school / "triage.yaml").write_text("accepted:\n  - {id: xyz, reason: ''}\n", encoding="utf-8")
    runs = [
        ["--help"], ["--version"], ["scna"], ["scan"], ["scan", "--help"], ["scan", "--resume", "--full", str(school)],
        ["scan", "--config", str(school / "nergens.yaml")], ["scan", "--config", str(bad_key)],
        ["scan", "--config", str(bad_type)], ["scan", "--config", cfg, "--triage", str(school / "triage.yaml")],
        ["scan", "--config", cfg, "--as-of", "31-02-2026"], ["scan", "--config", cfg, "--workers", "twee"],
        ["scan", "--config", cfg, "--out", out, "--as-of", "29-11-2026"],
        ["scan", "--config", cfg, "--out", out], ["scan", str(school / "share"), "--out", str(school / "quick")],
        ["scan", "--config", cfg, "--out", str(school / "leeg" / "x"), "--resume"],
        ["history", "--out", out], ["history", "--out", str(school / "geen")], ["history", "--help"],
        ["rules"], ["init", str(school / "nieuw.yaml")], ["init", str(school / "nieuw.yaml")], ["init", "--help"],
        ["purge", "--out", out, "--older-than", "0", "--dry-run"], ["purge", "--help"], ["purge", "--out", out],
        ["verify-deletion", "--config", cfg, "--out", out], ["verify-deletion", "--config", cfg, "-p", "9999"],
        ["verify-deletion", "--config", cfg, "-p", "1004", "--out", out], ["inventory", "--config", cfg, "-p", "1001",
                                                                             "--out", out],
        ["demo", "--help"], ["verify-deletion"], ["doctor"], ["doctor", "--help"],
        ["scan", str(school / "share/Gedeeld/rooster.docx"), "--out", str(school / "een")],
        ["demo", "--dir", str(school / "demo"), "--quiet"],
    ]
    seen: dict[str, set[str]] = {}
    for argv in runs:
        try:
            main(argv)
        except SystemExit:
            pass
        captured = capsys.readouterr()
        found = english_words(captured.out + captured.err, school)
        if found:
            seen[" ".join(argv).replace(str(school), "")] = found
    assert not seen, seen


def test_lang_en_makes_the_messages_english(school: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    bad_key = school / "typo.yaml"
    bad_key.write_text(CONFIG.replace("path: share", "path: share\n    folder_patern: x"), encoding="utf-8")
    assert main(["scan", "--config", str(bad_key), "--lang", "en"]) == 2
    assert "sources[0].folder_patern: unknown key; did you mean `folder_pattern`?" in capsys.readouterr().err
    assert main(["scan", "--config", str(bad_key)]) == 2
    assert "sources[0].folder_patern: onbekende sleutel; bedoelde u `folder_pattern`?" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["scan", "--lang", "en", "--as-of", "gisteren"])
    assert "usage:" in capsys.readouterr().err


# -- the small things --------------------------------------------------------------------------------

def test_history_fits_80_columns_and_rescan_names_what_changed(school: Path,  # noqa: F811
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console

    from reports.history import print_history
    from tests.test_cli import write_docx

    cfg, out = str(school / "avgscan.yaml"), school / "out"
    main(["scan", "--config", cfg, "--out", str(out)])
    (school / "share/Archief/Amrani, Ayoub el (1004)/MDO.docx").unlink()
    write_docx(school / "share/Gedeeld/lijst.docx", "Sanne de Vries, BSN 111222333, ADHD", mode=0o644)
    capsys.readouterr()
    main(["scan", "--config", cfg, "--out", str(out)])
    terminal = flat(capsys.readouterr().out)
    assert re.search(r"\+ nieuw: open-access share/Gedeeld/lijst\.docx \(leerling 1001\) \[[0-9a-f]{16}\]", terminal)
    assert re.search(r"- opgelost: retention-expired share/Archief/A…/M….docx \[[0-9a-f]{16}\]", terminal)
    console = Console(width=80, record=True)
    print_history(out, console=console)
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= 80 and "…" not in "".join(lines)
    assert sum(line.startswith("#") for line in lines) == 2


def test_purge_dry_run_confirmation_and_nothing_left_on_disk(school: Path,  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    out = school / "out"
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out)])
    db = out / "avgscan-state.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("update item_cache set stored_at = '2020-01-01'")
    assert main(["purge", "--out", str(out), "--older-than", "30", "--dry-run"]) == 0
    assert "Proefdraai: 0 rapportbestanden, 0 audits en 4 cache-items" in capsys.readouterr().out
    assert main(["purge", "--out", str(out), "--older-than", "30"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["purge", "--out", str(out), "--older-than", "30", "--yes"]) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from item_cache").fetchone()[0] == 0
        assert conn.execute("pragma freelist_count").fetchone()[0] == 0  # no deleted pages left with old data


def test_a_register_saved_as_ansi_is_named_with_the_fix(school: Path, capsys: pytest.CaptureFixture[str]  # noqa: F811
                                                        ) -> None:
    register = ("Leerlingnummer;Achternaam;Voorvoegsel;Roepnaam;Geboortedatum;BSN;Datum uitschrijving\n"
                "1001;Vries;de;Sanne;03-02-2014;111222333;\n"
                "1002;Kowalczyk;;Ma?gorzata;01-01-2013;;\n"   # 'Małgorzata' through an ANSI export
                "1003;Öztürk;;Ay?e;01-01-2013;;\n")           # 'Ayşe'; Ö and ü do exist in Windows-1252
    (school / "leerlingen.csv").write_bytes(register.encode("cp1252"))
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(school / "out")])
    terminal = flat(capsys.readouterr().out)
    assert terminal.count("vervangen teken") == 2 and "rij 3, kolom 'roepnaam'" in terminal
    assert "UTF-8" in terminal
    report = json.loads((school / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["statistics"]["pupils_in_register"] == 3  # still read; Öztürk decoded right


def test_a_single_file_can_be_scanned(school: Path) -> None:  # noqa: F811
    one = school / "share/Dossiers/Vries, Sanne de (1001)/OPP.docx"
    out = school / "one"
    main(["scan", str(one), "--out", str(out)])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [i["path"] for i in report["items"]] == ["OPP.docx"]
    assert {f["entity_type"] for f in report["findings"]} >= {"NL_BSN"}


def test_a_single_file_is_scanned_into_an_output_folder_beside_it(school: Path) -> None:  # noqa: F811
    """The one-file source reads that file only, so an output folder next to it is no folder it reads."""
    folder = school / "share/Dossiers/Vries, Sanne de (1001)"
    out = folder / "rapport"
    assert main(["scan", str(folder / "OPP.docx"), "--out", str(out)]) in (0, 1)
    assert (out / "report.json").exists()


def test_a_path_with_full_in_it_is_no_full_disk() -> None:
    from scanner.audit import ReportsNotWritten

    err = str(ReportsNotWritten(Path("/srv/fullbackup/rapport"),
                                PermissionError(13, "Permission denied", "/srv/fullbackup/x")))
    assert "schijf is vol" not in err and "schrijven mislukt" in err


def test_dask_without_dask_says_what_to_install(school: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                                capsys: pytest.CaptureFixture[str]) -> None:
    import scanner.audit

    monkeypatch.setattr(scanner.audit, "_has_module", lambda name: False)
    assert main(["scan", "--config", str(school / "avgscan.yaml"), "--executor", "dask"]) == 2
    err = capsys.readouterr().err
    assert "installeer `avgscan[dask]`" in err and "Traceback" not in err


def test_an_unreachable_scheduler_is_a_dutch_message(school: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import scanner.pipeline

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("Timed out trying to connect to tcp://10.0.0.5:8786 after 30 s")

    monkeypatch.setattr(scanner.pipeline, "run_scan", refuse)
    assert main(["scan", "--config", str(school / "avgscan.yaml"), "--executor", "dask", "--scheduler",
                 "tcp://10.0.0.5:8786", "--out", str(school / "out")]) == 2
    err = capsys.readouterr().err
    assert "de dask-scheduler (tcp://10.0.0.5:8786) is niet bereikbaar" in err and "Traceback" not in err


def test_doctor_names_what_is_missing_and_how_to_get_it(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    import connectors.extractors.ocr
    import scanner.doctor

    monkeypatch.setattr(scanner.doctor.shutil, "which", lambda name: None)
    monkeypatch.setattr(connectors.extractors.ocr, "available_languages", lambda: frozenset())
    assert main(["doctor"]) == 3
    out = capsys.readouterr().out
    assert "sudo apt install tesseract-ocr tesseract-ocr-nld" in out and "sudo apt install antiword" in out
    assert "ontbreekt" in out and "ONTBREEKT" not in out


# -- paper for the board -----------------------------------------------------------------------------

def test_report_pdf_summary_first_then_the_whole_list(school: Path) -> None:  # noqa: F811
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    from tests.test_cli import write_docx

    write_docx(school / "share/Gedeeld/zorg groep 5.docx", "Sanne de Vries (BSN 111222333) heeft ADHD.", mode=0o644)
    out = school / "out"
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out)])
    pdf = out / "report.pdf"
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"
    pages = [flat(p.extract_text()) for p in PdfReader(pdf).pages]
    assert len(pages) >= 2 and pages[0].index("MOGELIJK DATALEK") < pages[0].index("Begin hier")
    assert "Overtredingen per regel" in " ".join(pages[:2]) and "Overtredingen per school" in " ".join(pages[:2])
    text = " ".join(pages)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert all(v["id"] in text.replace(" ", "") for v in report["violations"])  # the list is complete, not cut off
    # rendered like a printer would: every page has ink, and the first page shows the red breach frame
    doc = pdfium.PdfDocument(str(pdf))
    for n in range(len(doc)):
        image = doc[n].render(scale=1).to_pil().convert("RGB")
        assert image.width > image.height  # landscape: wide tables fit
        colours = image.getcolors(maxcolors=1_000_000) or []
        assert sum(count for count, rgb in colours if rgb != (255, 255, 255)) > 1000
        if n == 0:
            assert any(r > 130 and g < 80 and b < 80 for _, (r, g, b) in colours)


def test_the_dashboard_has_a_print_stylesheet(school: Path) -> None:  # noqa: F811
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(school / "out")])
    html = (school / "out" / "report.html").read_text(encoding="utf-8")
    css = html[html.index("@media print"):]
    assert "@page { size: A4 landscape" in html and "thead { display:table-header-group; }" in css
    assert "nav, .controls" in css and ".table-wrap { overflow:visible; }" in css


def test_a_quick_scan_says_how_to_mark_a_register_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    db = tmp_path / "las.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table leerlingen (leerlingnummer integer primary key, achternaam text, roepnaam text, "
                     "geboortedatum text, bsn text)")
        conn.executemany("insert into leerlingen values (?, ?, ?, ?, ?)", [
            (1001, "Vries", "Sanne", "2014-02-03", "111222333"), (1002, "Amrani", "Ayoub", "2013-01-01", "123456782"),
            (1003, "Jansen", "Emma", "2012-05-06", "100000022"), (1004, "Bakker", "Daan", "2013-07-08", "232262536")])
        conn.execute("create table export_jgz (id integer primary key, naam text, bsn text, diagnose text)")
        conn.executemany("insert into export_jgz values (?, ?, ?, ?)", [
            (n, "Sanne de Vries", "111222333", "ADHD en dyslexie") for n in range(1, 5)])
    main(["scan", f"sqlite:///{db}", "--out", str(tmp_path / "out")])
    terminal = flat(capsys.readouterr().out)
    assert "tabel leerlingen in bron database lijkt het leerlingenregister" in terminal
    assert "`register_tables: [leerlingen]`" in terminal and "tabel export_jgz" not in terminal
    assert "`roles: {leerlingen: administration}`" in terminal  # the role policy.roles lets hold a BSN


def test_every_rule_has_an_english_action() -> None:
    from reports.view import rule_action, rule_title
    from scanner.rules import RULES

    for r in RULES:
        assert r.action.en and r.action.en != r.action.nl and r.title.en and r.title.en != r.title.nl, r.code
    assert rule_action("open-access", "Rechten beperken", "nl").startswith("Rechten beperken")
    assert rule_action("open-access", "Rechten beperken", "en").startswith("Restrict access")
    assert rule_title("open-access", "en") == "Personal data openly accessible"
    assert rule_action("an-old-code", "Iets doen", "en") == "Iets doen"  # an old audit's code: as written


def test_a_key_made_by_another_scan_at_the_same_moment_is_used(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The key appears under its name only when it is whole; when another scan linked it first, its key
    is the key (no empty file read as a broken key)."""
    import os

    from scanner.kernel.keys import organisation_key

    path = tmp_path / "avgscan" / "organisatie.key"
    monkeypatch.delenv("AVGSCAN_ORG_KEY", raising=False)
    real_link = os.link

    def other_scan_first(src: str, dst: str) -> None:
        Path(dst).write_bytes(b"o" * 32)  # the other scan's complete key
        real_link(src, dst)

    monkeypatch.setattr(os, "link", other_scan_first)
    assert organisation_key(path)[0] == b"o" * 32
    assert os.listdir(path.parent) == ["organisatie.key"]
