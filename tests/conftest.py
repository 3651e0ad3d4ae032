"""Shared fixtures: a small register and an analyzer that knows it (built once per session)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from scanner.detection.engine import build_analyzer
from scanner.linking import RegisterIndex
from scanner.records.loading import Records
from scanner.records.register import Pupil

SHARED = Path(__file__).resolve().parents[2] / "shared"


def demo_with_csv_consents(root: Path) -> Path:
    """The demo school under `root` with its consents as CSV (a test can edit one row); its config's path."""
    import yaml

    from scanner.demo import build_demo_school

    cfg_path = build_demo_school(root / "school")
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["records"]["consents"]["path"] = "records/toestemmingen.csv"
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return cfg_path


def consent_rows(cfg_path: Path) -> list[dict[str, str]]:
    """The rows of the consents CSV of demo_with_csv_consents."""
    import csv

    with (cfg_path.parent / "records" / "toestemmingen.csv").open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def write_consent_rows(cfg_path: Path, rows: list[dict[str, str]]) -> None:
    """Replace the consents CSV of demo_with_csv_consents by `rows` (a test's edit of one)."""
    import csv

    with (cfg_path.parent / "records" / "toestemmingen.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)


def pupil(nummer: str, roepnaam: str, achternaam: str, voorvoegsel: str = "", born: date | None = None,
          left: date | None = None, bsn: str = "") -> Pupil:
    return Pupil(leerlingnummer=nummer, achternaam=achternaam, voorvoegsel=voorvoegsel, roepnaam=roepnaam,
                 voornamen="", geboortedatum=born or date(2014, 1, 1), bsn=bsn, onderwijsnummer="", school="",
                 groep="", inschrijving=None, uitschrijving=left)


PUPILS = [
    pupil("1001", "Sanne", "Vries", "de", date(2014, 2, 3), bsn="111222333"),
    pupil("1002", "Daan", "Bakker", born=date(2015, 5, 5)),
    pupil("1003", "Daan", "Bakker", born=date(2016, 6, 6)),  # a namesake
    pupil("1004", "Ayoub", "Amrani", "el", date(2013, 1, 1), left=date(2019, 7, 31)),
]


@pytest.fixture(scope="session")
def records() -> Records:
    return Records(pupils=PUPILS, consents=[], staff=["Nisa Horrocks"])


@pytest.fixture(scope="session")
def analyzer(records: Records):  # noqa: ANN201
    return build_analyzer(records.known_people())


@pytest.fixture(scope="session")
def index() -> RegisterIndex:
    return RegisterIndex.build(PUPILS, staff=["Nisa Horrocks"])


@pytest.fixture(scope="session")
def eval_dev(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of ../shared/eval-dev with its file modes and dates restored (they matter for the rules)."""
    src = SHARED / "eval-dev"
    if not src.exists():
        pytest.skip(f"{src} not present")
    dest = tmp_path_factory.mktemp("eval") / "eval-dev"
    subprocess.run([sys.executable, str(SHARED / "tools" / "restore_meta.py"), str(src), str(dest)],
                   check=True, capture_output=True)
    return dest


__all__ = ["pupil", "PUPILS", "SHARED"]


@pytest.fixture(autouse=True, scope="session")
def _own_organisation_key(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The organisation key lives in ~/.config/avgscan; the tests keep theirs in a temporary folder."""
    import os

    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("xdg-config"))
    os.environ.pop("AVGSCAN_ORG_KEY", None)


_PIPELINES: dict[Path, object] = {}


@pytest.fixture(autouse=True)
def _one_pipeline_per_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every in-process scan builds its own analyzer (recognizers, register, own names), but the spaCy
    pipeline under it is loaded once per configuration file for the whole suite. Why: the suite loaded the
    shipped pipeline 173 times (223 s of a 767 s run, session 36); the pipeline holds no scan's state.
    A test marked `fresh_pipeline` loads its own, where the time a load takes is part of what it checks
    (the files the early reader reads while the parent loads the pipeline)."""
    if request.node.get_closest_marker("fresh_pipeline"):
        return
    from scanner.detection import engine

    load = engine.nlp_engine

    def shared(conf_file: Path | None = None) -> object:
        key = Path(conf_file or engine.DEFAULT_NLP).resolve()
        if key not in _PIPELINES:
            _PIPELINES[key] = load(conf_file)
        return _PIPELINES[key]

    monkeypatch.setattr(engine, "nlp_engine", shared)
