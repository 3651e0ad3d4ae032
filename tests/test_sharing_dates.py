"""Which day a flow is judged on (issue 13, class 3): table-driven from test_sharing_dates.yaml, plus the
whole chain on a school built in the test (a birth date in an outbound pdf must not make a consent
look given after the sharing date)."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from connectors.db_rows import row_content
from scanner.cache import _decode, encode
from scanner.kernel.model import Content, Detected, Item, TextUnit
from scanner.sharing import describe, pick, share_date, share_dates, shared_on, sharing_columns
from tests.connectors.samples import pdf_bytes

SPEC = yaml.safe_load((Path(__file__).with_suffix(".yaml")).read_text(encoding="utf-8"))
AS_OF: date = SPEC["as_of"]


def _units(units: list[Any]) -> list[TextUnit]:
    return [TextUnit(place=f"alinea {n}", text=u) if isinstance(u, str)
            else TextUnit(place=u.get("place", f"cel {n}"), text=u["text"], column=u.get("column"))
            for n, u in enumerate(units, 1)]


def _expect(case: dict[str, Any]) -> tuple[date | None, str | None]:
    day, source = case["expect"]
    return day, source


def _modified(case: dict[str, Any]) -> datetime | None:
    day = case.get("modified", SPEC["modified"])
    return datetime(day.year, day.month, day.day, 12) if day else None


@pytest.mark.parametrize("case", SPEC["documents"], ids=lambda c: c["name"])
def test_document_dates(case: dict[str, Any]) -> None:
    item = Item(source="share", path="Extern/x.docx", kind="file", modified=_modified(case))
    assert share_date(item, Content(units=_units(case["units"])), AS_OF) == _expect(case)


@pytest.mark.parametrize("case", SPEC["emails"], ids=lambda c: c["name"])
def test_email_dates(case: dict[str, Any]) -> None:
    item = Item(source="share", path="Extern/x.eml", kind="file", modified=_modified(case))
    content = Content(units=_units(case["units"]), metadata={"date": case["sent"]} if "sent" in case else {})
    assert share_date(item, content, AS_OF) == _expect(case)


@pytest.mark.parametrize("case", SPEC["rows"], ids=lambda c: c["name"])
def test_row_dates(case: dict[str, Any]) -> None:
    row = case["row"]
    content = row_content(row, list(row), set(), {}, None)
    assert share_date(Item(source="las", path="table:t#1", kind="row"), content, AS_OF) == _expect(case)


def test_the_column_choice_is_the_vocabulary() -> None:
    assert sharing_columns(["geb_datum", "Geboortedatum", "datum", "datum_intake", "schooljaar"]) == ()
    assert sharing_columns(["geb_datum", "verzenddatum", "Datum verzending", "datum_export"]) == \
        ("verzenddatum", "Datum verzending", "datum_export")


def test_dutch_words_for_each_source() -> None:
    assert shared_on(date(2026, 3, 12), "document") == "gedeeld op 12-03-2026 (verzenddatum in het document)"
    assert describe("mtime") == "wijzigingsdatum van het bestand"
    assert describe("e-mail") == "datum van de e-mail"
    assert describe("column:datum_export") == "kolom datum_export"
    assert describe("reference") == "peildatum van de scan: geen verzenddatum in de rij"


@pytest.mark.parametrize(("day", "source"), [(None, "reference"), (date(2026, 3, 12), "column:datum_export"),
                                             (date(2026, 3, 12), "letter")])
def test_cache_keeps_date_and_source(day: date | None, source: str) -> None:
    back = _decode(encode(Detected(share_dates=[(day, source)])))
    assert back is not None and back.share_dates == [(day, source)]


def test_a_cached_item_chooses_its_date_again_for_another_reference_date() -> None:
    """The days are kept, not the choice: a rescan with an earlier --as-of must not reuse a later date."""
    item = Item(source="share", path="Extern/brief.docx", kind="file", modified=datetime(2026, 11, 20))
    content = Content(units=_units(["Verzonden op: 12-03-2026", "Verzonden op: 01-10-2026"]))
    cached = _decode(encode(Detected(share_dates=share_dates(item, content))))
    assert cached is not None
    assert pick(cached.share_dates, date(2026, 11, 29)) == (date(2026, 10, 1), "document")
    assert pick(cached.share_dates, date(2026, 6, 1)) == (date(2026, 3, 12), "document")
    assert pick(cached.share_dates, date(2026, 1, 1)) == (date(2026, 11, 20), "mtime")


REGISTER = ("Leerlingnummer;Achternaam;Voorvoegsel;Roepnaam;Geboortedatum;BSN;Datum uitschrijving\n"
            "1001;Brink;ten;Noor;31-01-2011;;\n")
CONSENTS = ("id;leerlingnummer;partij;gegevens;doel;gegeven_door;datum_gegeven;geldig_tot;ingetrokken_op\n"
            "T1;1001;Jeugd-GGZ;onderwijsgegevens;overdracht;ouder+leerling;2025-09-01;;\n")


def test_birth_date_in_an_outbound_pdf_does_not_make_consent_invalid(tmp_path: Path) -> None:
    """The consent (2025-09-01) misses gezondheid: out of scope. Read with the birth date (2011) as the
    sharing date it would look given after sharing: consent-invalid, the real problem missed."""
    from reports import write_all
    from scanner.config import build_config
    from scanner.pipeline import run_scan

    pdf = tmp_path / "share" / "Extern" / "Jeugd-GGZ" / "Overdracht Noor.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(pdf_bytes(["Overdracht leerling", "Naam: Noor ten Brink", "Geb.datum: 31/01/2011",
                               "Verzonden op: 12-03-2026", "Noor heeft de diagnose ADHD."]))
    melding = tmp_path / "share" / "Extern" / "Leerplicht" / "Verzuimmelding Noor.pdf"
    melding.parent.mkdir(parents=True)
    melding.write_bytes(pdf_bytes(["Aan: leerplichtambtenaar. Datum melding: 13-02-2026.",
                                   "Leerling: Noor ten Brink", "Geboortedatum: 31-01-2011"]))
    stamp = datetime(2026, 4, 20, 12).timestamp()  # saved again later: the document's own date must win
    for path in (pdf, melding):
        os.utime(path, (stamp, stamp))
    (tmp_path / "leerlingen.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "toestemmingen.csv").write_text(CONSENTS, encoding="utf-8")
    raw = {"sources": [{"name": "share", "type": "filesystem", "path": str(tmp_path / "share"),
                        "outbound": {"Extern/Jeugd-GGZ": "Jeugd-GGZ", "Extern/Leerplicht": "Leerplicht"}}],
           "records": {"register": {"path": str(tmp_path / "leerlingen.csv")},
                       "consents": {"path": str(tmp_path / "toestemmingen.csv")}}}
    report = run_scan(build_config(raw, str(tmp_path / "avgscan.yaml"), tmp_path), as_of=AS_OF)
    got = {(v.rule, v.leerlingnummer) for v in report.violations if v.rule.startswith("consent")}
    assert got == {("consent-out-of-scope", "1001")}
    message = next(v.message for v in report.violations if v.rule == "consent-out-of-scope")
    assert "op 12-03-2026 (verzenddatum in het document)" in message and "gezondheid" in message
    write_all(report, tmp_path / "out", ["json"])
    exempt = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["exempt"]
    assert [(e["party"], e["share_date"], e["share_date_source"], e["shared"]) for e in exempt] == [
        ("Leerplicht", "2026-02-13", "document", "gedeeld op 13-02-2026 (verzenddatum in het document)")]
