"""Register and consent records: LAS header synonyms, Dutch dates, bad rows skipped with a clear place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from scanner.config import RecordFile, build_config
from scanner.records.consents import load_consents
from scanner.records.register import load_register
from scanner.records.tabular import RecordError


def _cfg(tmp_path: Path):  # noqa: ANN202
    return build_config({"sources": [{"name": "s", "type": "filesystem", "path": "."}]}, "test", tmp_path)


def test_register_csv_with_parnassys_headers(tmp_path: Path) -> None:
    (tmp_path / "ll.csv").write_text(
        "Leerlingnummer;Achternaam;Voorvoegsel;Roepnaam;Geboortedatum;BSN;Datum uitschrijving\n"
        "1001;Vries;de;Sanne;03-02-2014;111222333;\n"
        "1002;Bakker;;Daan;31-13-2014;;\n"          # bad date: skipped, reported
        "1003;Amrani;el;Ayoub;2013-05-01;123456789;31-07-2020\n",  # bad BSN: kept, BSN dropped
        encoding="utf-8")
    pupils, problems = load_register(RecordFile(path="ll.csv"), _cfg(tmp_path))
    assert [p.leerlingnummer for p in pupils] == ["1001", "1003"]
    assert pupils[0].full_name == "Sanne de Vries" and pupils[0].geboortedatum == date(2014, 2, 3)
    assert pupils[1].bsn == "" and pupils[1].uitschrijving == date(2020, 7, 31)
    assert any("rij 3" in str(p) and "geboortedatum" in str(p) for p in problems)
    assert any("rij 4" in str(p) and "bsn" in str(p) for p in problems)


def test_register_xlsx_with_column_mapping(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Stamnummer", "Geslachtsnaam", "Roepnaam", "Geb. datum", "Vertrokken op"])
    ws.append(["77", "Jansen", "Lisa", date(2012, 1, 5), date(2021, 8, 1)])
    wb.save(tmp_path / "ll.xlsx")
    pupils, problems = load_register(RecordFile(path="ll.xlsx", columns={"uitschrijving": "Vertrokken op"}),
                                     _cfg(tmp_path))
    assert not problems
    assert pupils[0].leerlingnummer == "77" and pupils[0].uitschrijving == date(2021, 8, 1)


def test_missing_required_column_stops_the_run(tmp_path: Path) -> None:
    (tmp_path / "ll.csv").write_text("Leerlingnummer;Achternaam\n1;X\n", encoding="utf-8")
    with pytest.raises(RecordError, match="roepnaam"):
        load_register(RecordFile(path="ll.csv"), _cfg(tmp_path))


def test_consents_parse_categories_and_givers(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(
        "id;leerlingnummer;partij;gegevens;doel;gegeven_door;datum_gegeven;geldig_tot;ingetrokken_op\n"
        "T1;1001;Jeugd-GGZ;onderwijsgegevens, gezondheid;x;Ouder + Leerling;2025-01-10;;2025-06-01\n"
        "T2;1001;Wijkteam;onderwijsgegevens;x;ouder;gisteren;;\n", encoding="utf-8")
    consents, problems = load_consents(RecordFile(path="t.csv"), _cfg(tmp_path))
    assert len(consents) == 1 and len(problems) == 1
    c = consents[0]
    assert c.gegevens == {"onderwijsgegevens", "gezondheid"} and c.gegeven_door == "ouder+leerling"
    assert c.ingetrokken_op == date(2025, 6, 1)
    assert "datum_gegeven" in str(problems[0]) and "rij 3" in str(problems[0])


@pytest.mark.parametrize(("written", "giver"), [
    ("ouder", "ouder"), ("Ouder(s)", "ouder"), ("ouder(s)/verzorger(s)", "ouder"), ("beide ouders", "ouder"),
    ("wettelijk vertegenwoordiger", "ouder"), ("ouder 1 en ouder 2", "ouder"),
    ("ouder+leerling", "ouder+leerling"), ("ouder(s) + leerling", "ouder+leerling"),
    ("leerling en ouders/verzorgers", "ouder+leerling"), ("de leerling zelf", "leerling"),
    ("leerling (16+)", "leerling"), ("ouder (voor 12 jaar)", "ouder"),
    ("school", "school"),  # unknown wording never matches a requirement silently
])
def test_consent_givers_as_schools_write_them(written: str, giver: str) -> None:
    from scanner.records.consents import normalise_giver

    assert normalise_giver(written) == giver


def test_every_record_field_has_its_headers_in_config() -> None:
    """config/record_columns.yaml names the headers of every field the loaders read, and no other field."""
    from scanner.records import consents, disclosures, people, register
    from scanner.records.headers import record_headers

    for kind, module in (("register", register), ("consents", consents), ("disclosures", disclosures),
                         ("people", people)):
        headers = record_headers(kind, module.FIELDS)
        assert set(headers) == set(module.FIELDS)
        assert all(headers[f] for f in getattr(module, "REQUIRED", [])), kind  # a required field has headers
    assert "Datum uitschrijving" in record_headers("register", register.FIELDS)["uitschrijving"]


def test_the_header_vocabulary_is_read_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A header the shipped vocabulary does not know is read once the vocabulary names it; a field the
    loaders do not read is refused with the file and the key."""
    from scanner.config import ConfigError
    from scanner.records import headers

    (tmp_path / "ll.csv").write_text("Leerlingcode;Achternaam;Roepnaam;Geboortedatum;Datum uitschrijving\n"
                                     "1001;Vries;Sanne;03-02-2014;\n", encoding="utf-8")
    with pytest.raises(RecordError, match="leerlingnummer"):
        load_register(RecordFile(path="ll.csv"), _cfg(tmp_path))
    vocabulary = dict(headers._vocabulary())
    vocabulary["register"] = {**vocabulary["register"], "leerlingnummer": ["Leerlingcode"]}
    monkeypatch.setattr(headers, "_vocabulary", lambda: vocabulary)
    pupils, _ = load_register(RecordFile(path="ll.csv"), _cfg(tmp_path))
    assert [p.leerlingnummer for p in pupils] == ["1001"]
    vocabulary["register"] = {**vocabulary["register"], "geboortedatun": ["Geb"]}
    with pytest.raises(ConfigError, match=r"record_columns.yaml: register.geboortedatun: onbekend veld"):
        load_register(RecordFile(path="ll.csv"), _cfg(tmp_path))


def test_a_trailing_delimiter_on_each_data_line_keeps_the_columns_in_place(tmp_path: Path) -> None:
    """pandas took the first cell of such a file as an index and shifted every value one column left."""
    (tmp_path / "ll.csv").write_text("Leerlingnummer;Achternaam;Roepnaam;Geboortedatum;Datum uitschrijving\n"
                                     "1001;Vries;Sanne;03-02-2014;;\n1002;Bakker;Daan;04-05-2013;;\n", encoding="utf-8")
    pupils, problems = load_register(RecordFile(path="ll.csv"), _cfg(tmp_path))
    assert [(p.leerlingnummer, p.full_name, p.geboortedatum) for p in pupils] == [
        ("1001", "Sanne Vries", date(2014, 2, 3)), ("1002", "Daan Bakker", date(2013, 5, 4))]
    assert problems == []


def test_a_row_with_more_filled_cells_than_the_header_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "ll.csv").write_text("Leerlingnummer;Achternaam;Roepnaam;Geboortedatum;Datum uitschrijving\n"
                                     "1001;Vries;Sanne;03-02-2014;\n\n1002;Bakker;Daan;04-05-2013;;BSN?\n",
                                     encoding="utf-8")
    with pytest.raises(RecordError, match=r"ll\.csv: regel 4 heeft 6 kolommen, de kopregel 5"):
        load_register(RecordFile(path="ll.csv"), _cfg(tmp_path))


def test_csv_and_xlsx_records_are_read_without_pandas(tmp_path: Path) -> None:
    """An unchanged rescan reads the records every time: importing pandas was a seventh of it."""
    import subprocess
    import sys

    (tmp_path / "ll.csv").write_text("Leerlingnummer;Achternaam;Roepnaam;Geboortedatum;Datum uitschrijving\n"
                                     "1001;Vries;Sanne;03-02-2014;\n", encoding="utf-8")
    wb = Workbook()
    wb.active.append(["Leerlingnummer", "Achternaam", "Roepnaam", "Geboortedatum", "Datum uitschrijving"])
    wb.active.append(["1002", "Bakker", "Daan", date(2013, 5, 4), None])
    wb.save(tmp_path / "ll.xlsx")
    code = ("import sys; from pathlib import Path; from scanner.config import RecordFile, build_config; "
            "from scanner.records.register import load_register; "
            "cfg = build_config({'sources': [{'name': 's', 'type': 'filesystem', 'path': '.'}]}, 'test', "
            "Path(sys.argv[1])); "
            "found = [load_register(RecordFile(path=f), cfg)[0][0].leerlingnummer for f in ('ll.csv', 'll.xlsx')]; "
            "print(found, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout
    assert out.strip() == "['1001', '1002'] False"


def test_a_register_table_is_read_as_the_driver_gives_it(tmp_path: Path) -> None:
    """An integer column with an empty cell stays whole numbers (pandas made them floats: '1001.0')."""
    import sqlite3

    from scanner.records.tabular import clean, read_records

    db = sqlite3.connect(tmp_path / "las.db")
    db.execute("CREATE TABLE leerlingen (leerlingnummer INTEGER, achternaam TEXT, roepnaam TEXT, "
               "geboortedatum DATE, uitschrijving DATE, broer_of_zus INTEGER)")
    db.executemany("INSERT INTO leerlingen VALUES (?, ?, ?, ?, ?, ?)",
                   [(1001, "Vries", "Sanne", "2014-02-03", None, None),
                    (1002, "Bakker", "Daan", "2013-05-04", None, 1001)])
    db.commit()
    db.close()
    spec = RecordFile(url=f"sqlite:///{tmp_path / 'las.db'}", table="leerlingen")
    _, rows = read_records(spec, _cfg(tmp_path), {"nummer": ["leerlingnummer"], "broer": ["broer_of_zus"]}, ["nummer"])
    assert [(n, clean(r["nummer"]), clean(r["broer"])) for n, r in rows] == [(2, "1001", ""), (3, "1002", "1001")]
    pupils, problems = load_register(spec, _cfg(tmp_path))
    assert [(p.leerlingnummer, p.full_name, p.geboortedatum) for p in pupils] == [
        ("1001", "Sanne Vries", date(2014, 2, 3)), ("1002", "Daan Bakker", date(2013, 5, 4))] and problems == []
