"""Forms are records: label-value pairs in documents read like the cells of a table row (scanner/forms.py).

Every layout a school writes an intake form in (a two-column docx/odt table, 'Label: value' lines in a
txt, pdf or e-mail, a pdf whose table cells come out as separate lines) must give the same cells,
records and child; files are built here with the same libraries the schools' software uses.
"""

from __future__ import annotations

import io
from email.message import EmailMessage

import pytest

from connectors.extractors import extract
from scanner.cache import _decode, encode
from scanner.detection.detect import detect
from scanner.detection.paragraphs import join_lines, split_long
from scanner.doctables import read_tables, table_units
from scanner.forms import read_forms
from scanner.kernel.model import Detected, Finding, UnknownChild
from scanner.linking import RegisterIndex, link, row_keys
from scanner.unknown_children import candidates, resolve

Form = list[tuple[str | None, str]]  # (label, value); label None: a heading line

# An applicant who is not in the register, with a diagnosis, and a parents' section.
APPLICANT: Form = [
    (None, "Gegevens leerling"),
    ("Achternaam", "ten Brink"),
    ("Voornamen", "Noor Fenna"),
    ("Roepnaam", "Noor"),
    ("Geb.datum", "31/01/2011"),
    ("Adres", "Kotter 14"),
    ("Diagnose", "ADHD"),
    (None, "Gegevens ouder/verzorger 1"),
    ("Achternaam", "ten Brink"),
    ("Voornaam", "Jeroen"),
    ("Telefoon", "06-12345678"),
]


# -- writers ------------------------------------------------------------------------------------------
def docx_table(form: Form) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Aanmeldformulier")
    table = document.add_table(rows=0, cols=2)
    for label, value in form:
        cells = table.add_row().cells
        if label is None:
            cells[0].merge(cells[1]).text = value
        else:
            cells[0].text, cells[1].text = label, value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def docx_paragraphs(form: Form) -> bytes:
    import docx

    document = docx.Document()
    for label, value in form:
        document.add_paragraph(value if label is None else f"{label}:\t{value}")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def odt_table(form: Form) -> bytes:
    """A two-column form table; a heading row ('Gegevens ouders') is one text in the first column."""
    return odt_list([[value, ""] if label is None else [label, value] for label, value in form], "Aanmeldformulier")


def pdf_columns(form: Form) -> bytes:
    """A pdf form with labels and values in two columns: the text layer has them on separate lines."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    y = 800
    for label, value in form:
        if label is None:
            y -= 8
            pdf.drawString(50, y, value)
        else:
            pdf.drawString(50, y, label)
            pdf.drawString(220, y, value)
        y -= 16
    pdf.save()
    return buf.getvalue()


def lines(form: Form) -> list[str]:
    return [value if label is None else f"{label}: {value}" for label, value in form]


def txt(form: Form) -> bytes:
    return "\n".join(["AANMELDFORMULIER", "", *lines(form)]).encode("utf-8")


def pdf_lines(form: Form) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    for i, line in enumerate(lines(form)):
        pdf.drawString(50, 800 - 14 * i, line)
    pdf.save()
    return buf.getvalue()


def eml(form: Form) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "info@school.nl", "ib@school.nl", "Aanmelding"
    msg.set_content("Beste collega,\n\nHierbij de gegevens.\n\n" + "\n".join(lines(form)))
    return bytes(msg)


LAYOUTS = {"docx table": (docx_table, ".docx"), "docx paragraphs": (docx_paragraphs, ".docx"),
           "odt table": (odt_table, ".odt"), "pdf columns": (pdf_columns, ".pdf"), "txt": (txt, ".txt"),
           "pdf lines": (pdf_lines, ".pdf"), "eml": (eml, ".eml")}


# -- the pipeline's detection half, as Scanner.detect_item and finish run it ----------------------------
class Scanned:
    def __init__(self, analyzer, index: RegisterIndex, name: str, data: bytes) -> None:  # noqa: ANN001
        k = index.keyer
        self.units = split_long(join_lines(read_forms(read_tables(extract(data, name)).units)))
        self.findings = detect(analyzer, "share", name, self.units, keyer=k)
        self.detected = Detected(findings=self.findings, rows=row_keys(self.units, k),
                                 candidates=candidates(self.units, self.findings, k, name))
        self.subjects = link(name, False, self.detected, index, None)
        self.children: list[UnknownChild] = resolve(self.detected.candidates, self.findings, set(index.by_name),
                                                    index.others)

    def cells(self) -> dict[str, str]:
        return {u.column: u.text for u in self.units if u.column}

    def typed(self, etype: str) -> list[Finding]:
        return [f for f in self.findings if f.entity_type == etype]


@pytest.fixture(scope="module")
def scan(analyzer, index):  # noqa: ANN001, ANN201
    return lambda name, data: Scanned(analyzer, index, name, data)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_reads_the_form_as_records(scan, index, layout: str) -> None:  # noqa: ANN001
    write, suffix = LAYOUTS[layout]
    s = scan(f"Intake/formulier{suffix}", write(APPLICANT))
    records = {u.record for u in s.units if u.column in ("Roepnaam", "Voornaam")}
    assert len(records) == 2, s.units  # the child's section and the parent's
    child = next(r for r in records if "leerling" in r)
    parent = next(r for r in records if "ouder" in r)
    keys = s.detected.rows
    assert keys[child].subject and not keys[parent].subject
    assert keys[child].name == index.keyer.name("Noor ten Brink")  # split name fields: one person
    assert keys[parent].name == index.keyer.name("Jeroen ten Brink")
    assert keys[child].birth == index.keyer.date("2011-01-31")
    assert [f.value for f in s.typed("ADDRESS")] == ["Kotter 14"]  # no street word: the label says it
    assert [f.value for f in s.typed("DATE_OF_BIRTH")] == ["31/01/2011"]
    assert {f.record for f in s.typed("DATE_OF_BIRTH")} == {child}
    assert len(s.children) == 1 and s.children[0].categories == ["HEALTH"]
    assert s.children[0].masked_name == "N. ten B…"


# -- cells: what a label types, and what stays text ------------------------------------------------------
@pytest.mark.parametrize(("line", "column", "etype", "value"), [
    ("Adres: Kotter 14", "Adres", "ADDRESS", "Kotter 14"),
    ("Woonadres: Achter de Muur 9", "Woonadres", "ADDRESS", "Achter de Muur 9"),
    ("Straat en huisnummer\tHillevliet 177 bovenhuis", "Straat en huisnummer", "ADDRESS", "Hillevliet 177 bovenhuis"),
    ("Geb.dat. 01-07-2020", "Geb.dat.", "DATE_OF_BIRTH", "01-07-2020"),
    ("Geb.datum: 31/01/2011", "Geb.datum", "DATE_OF_BIRTH", "31/01/2011"),
    ("Geboren op: 2 maart 2012", "Geboren op", "DATE_OF_BIRTH", "2 maart 2012"),
    ("Geboortedatum\t05-06-2013", "Geboortedatum", "DATE_OF_BIRTH", "05-06-2013"),
    ("Geboortedatum 05-06-2013", "Geboortedatum", "DATE_OF_BIRTH", "05-06-2013"),
    ("Achternaam ten Brink", "Achternaam", "PERSON", "ten Brink"),
    ("Naam moeder: Ilse Kamper", "Naam moeder", "PERSON", "Ilse Kamper"),
])
def test_a_label_types_its_value(scan, line: str, column: str, etype: str, value: str) -> None:  # noqa: ANN001
    s = scan("x.txt", f"Aanmelding\n{line}\nGroep: 5".encode())
    assert s.cells().get(column) == value
    assert value in [f.value for f in s.typed(etype) if f.column == column]


@pytest.mark.parametrize("line", [
    "Moeder: ze slaapt slecht en is moe.",  # a known label, but the value is no name: a minute's line
    "Sanne: ik wil niet naar gym.",  # a conversation, not a field
    "Mevrouw de Vries: akkoord.",
    "Leerling Sanne heeft dyslexie.",  # a known label without ':' and a sentence after it
    "Zij zegt: het gaat beter.",
    "Om 10:30 uur begint de les.",
])
def test_prose_is_no_field(scan, line: str) -> None:  # noqa: ANN001
    s = scan("x.txt", f"Verslag\n{line}\nDatum: 12-03-2026".encode())
    assert all(u.column in (None, "Datum") for u in s.units), s.units


def test_a_field_of_an_unknown_label_stays_text_for_the_recognizers(scan) -> None:  # noqa: ANN001
    s = scan("x.txt", b"Gegevens leerling\nRoepnaam: Noor\nOpmerkingen: Noor heeft sinds groep 3\nADHD en krijgt "
                      b"methylfenidaat.\nDatum geboorte: 31-01-2011")
    assert s.cells() == {"Roepnaam": "Noor"}
    remark = next(u for u in s.units if "Opmerkingen" in u.text)
    assert "ADHD" in remark.text  # rejoined with the line it wraps onto, as prose is
    assert {f.value for f in s.typed("HEALTH")} >= {"ADHD"}
    assert [f.value for f in s.typed("DATE_OF_BIRTH")] == ["31-01-2011"]  # the label is context


def test_nothing_in_a_special_category_field_is_no_finding(scan) -> None:  # noqa: ANN001
    s = scan("x.txt", b"Naam leerling: Sanne de Vries\nMedicatie: geen bijzonderheden\nGodsdienst: geen\nGroep: 5")
    assert s.typed("HEALTH") == [] and s.typed("RELIGION") == []


# -- tables with a header row read like a sheet ----------------------------------------------------------
def docx_list(rows: list[list[str]], heading: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(heading)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def odt_list(rows: list[list[str]], heading: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentText()
    doc.text.addElement(P(text=heading))
    table = Table(name="Lijst")
    table.addElement(TableColumn(numbercolumnsrepeated=len(rows[0])))
    for r in rows:
        row = TableRow()
        for text in r:
            cell = TableCell()
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize(("write", "suffix"), [(docx_list, ".docx"), (odt_list, ".odt")])
def test_a_table_with_a_header_row_is_read_like_a_sheet(scan, index, write, suffix: str) -> None:  # noqa: ANN001
    rows = [["Naam", "Geboortedatum", "Groep", "Bijzonderheden"],
            ["Daan Bakker", "06-06-2016", "4", "dyslexie"],
            ["Ayoub el Amrani", "01-01-2013", "8", "-"]]
    s = scan(f"Zorg/overzicht{suffix}", write(rows, "Leerlingen met een arrangement"))
    births = {f.value: f.record for f in s.typed("DATE_OF_BIRTH")}
    assert set(births) == {"06-06-2016", "01-01-2013"} and births["06-06-2016"] != births["01-01-2013"]
    # name + birth date tell the two Daan Bakkers apart, as in a sheet
    assert {x.leerlingnummer for x in s.subjects if not x.ambiguous} == {"1003", "1004"}
    assert {r.name for r in s.detected.rows.values()} == {index.keyer.name("Daan Bakker"),
                                                         index.keyer.name("Ayoub el Amrani")}


def test_a_two_column_table_with_a_header_row(scan) -> None:  # noqa: ANN001
    s = scan("lijst.docx", docx_list([["Naam", "Geboortedatum"], ["Sanne de Vries", "03-02-2014"]], "Lijst"))
    assert s.cells() == {"Naam": "Sanne de Vries", "Geboortedatum": "03-02-2014"}
    assert [(x.leerlingnummer, x.ambiguous) for x in s.subjects] == [("1001", False)]


# -- linking: the child's record links, a parent's record never does ---------------------------------------
def test_a_form_for_a_register_pupil_links_and_is_no_unknown_child(scan) -> None:  # noqa: ANN001
    form: Form = [(None, "Gegevens leerling"), ("Achternaam", "Amrani"), ("Voorvoegsel", "el"),
                  ("Roepnaam", "Ayoub"), ("Diagnose", "autisme"),
                  (None, "Gegevens ouder/verzorger 1"), ("Naam", "Fatima el Amrani")]
    s = scan("Aanmelding Ayoub el Amrani.docx", docx_table(form))
    assert [(x.leerlingnummer, x.strength) for x in s.subjects] == [("1004", "strong")]
    assert {"naam in de rij", "naam van de leerling in de bestandsnaam"} <= set(s.subjects[0].evidence)
    assert s.children == []


def test_a_parent_named_like_a_pupil_is_no_pupil_record(scan, index) -> None:  # noqa: ANN001
    # the father shares his name with two pupils: his section's record must not link to either
    form: Form = [(None, "Gegevens leerling"), ("Naam leerling", "Sanne de Vries"), ("Geboortedatum", "03-02-2014"),
                  (None, "Gegevens ouder/verzorger 1"), ("Achternaam", "Bakker"), ("Roepnaam", "Daan"),
                  ("Geboortedatum", "05-05-2015"), ("Telefoon", "06-12345678")]
    s = scan("Intake.pdf", pdf_lines(form))
    parent = next(k for k, r in s.detected.rows.items() if "ouder" in k)
    assert s.detected.rows[parent].name == index.keyer.name("Daan Bakker") and not s.detected.rows[parent].subject
    rows_only = Detected(rows=s.detected.rows)  # what the records alone link: the child's, not the father's
    assert [(x.leerlingnummer, x.method) for x in link("Intake.pdf", False, rows_only, index, None)] == [
        ("1001", "column")]


@pytest.mark.parametrize(("heading", "adult"), [
    ("Gegevens ouder/verzorger 2", True), ("Ouders", True), ("Contactpersoon school", True),
    ("Huisarts", True), ("Gegevens van de groepsleerkracht", True), ("Ouders van de leerling", True),
    ("Gegevens leerling", False), ("Personalia", False), ("Gegevens kind", False),
])
def test_the_heading_says_whose_section_it_is(scan, heading: str, adult: bool) -> None:  # noqa: ANN001
    s = scan("x.txt", f"{heading}\nAchternaam: Kamper\nVoornaam: Kian\nGroep: 5".encode())
    (rows,) = s.detected.rows.values()
    assert rows.subject is not adult


def test_a_name_field_in_another_role_starts_a_record(scan) -> None:  # noqa: ANN001
    s = scan("x.txt", b"Personalia\nNaam leerling: Kian Kamper\nGroep: 5\nNaam moeder: Ilse Kamper\n"
                      b"Telefoon moeder: 06-12345678\nNaam vader: Jeroen Kamper")
    subjects = sorted((r.subject, k) for k, r in s.detected.rows.items())
    assert [x[0] for x in subjects] == [False, False, True]


# -- unknown children: one per child, from the form and the file name --------------------------------------
@pytest.mark.parametrize(("name", "text", "children"), [
    ("Aanmelding Kamper Kian.docx", "Kian heeft ADHD en dyscalculie. Mevrouw Kamper belt.", ["K. K…"]),
    ("Aanmelding Kamper Kian.docx", "Kian heeft ADHD en dyscalculie.", []),  # 'Kamper' may be no name
    ("Sanne Verslag gesprek.docx", "Sanne heeft ADHD.", []),
    ("Gesprek Noor.docx", "Noor heeft ADHD.", []),  # a first name alone
    ("Intake Noor ten Brink 2026.txt", "Noor is gediagnosticeerd met autisme.", ["N. ten B…"]),
    ("Aanmelding ten Brink, Noor.docx", "Noor is gediagnosticeerd met autisme.", ["N. ten B…"]),
    ("Aanmelding Sanne de Vries.docx", "Sanne heeft dyslexie.", []),  # a register pupil
    ("Brief aan dhr. Kian Kamper.docx", "Kian heeft ADHD.", []),  # an adult
    ("Aanmelding Kamper Kian.docx", "Het gesprek ging over de planning.", []),  # no special-category data
    ("Verslag Nisa Horrocks.docx", "Nisa bespreekt ADHD in de groep.", []),  # staff
    ("Protocol Medicijnverstrekking.docx", "Bij ADHD overlegt de leerkracht met ouders.", []),
])
def test_the_file_name_names_the_child(scan, name: str, text: str, children: list[str]) -> None:  # noqa: ANN001
    s = scan(name, text.encode() if name.endswith(".txt") else _docx_text(text))
    assert [c.masked_name for c in s.children] == children


def _docx_text(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_file_name_and_form_give_one_child(scan) -> None:  # noqa: ANN001
    form = [*APPLICANT, (None, "Toelichting"), ("Opmerkingen", "Noor ten Brink heeft ADHD, zegt de leerling.")]
    s = scan("Aanmelding ten Brink, Noor.docx", docx_table(form))
    assert len(s.children) == 1


def test_records_and_subject_survive_the_cache(scan) -> None:  # noqa: ANN001
    s = scan("x.txt", txt(APPLICANT))
    back = _decode(encode(s.detected))
    assert back is not None
    assert [f.record for f in back.findings] == [f.record for f in s.findings]
    assert {k: (r.name, r.subject) for k, r in back.rows.items()} == {k: (r.name, r.subject)
                                                                      for k, r in s.detected.rows.items()}


def test_sheets_and_rows_keep_one_record_per_row() -> None:
    from connectors.db_rows import row_content
    from connectors.extractors.delimited import table_units

    units = table_units([["Naam", "Diagnose"], ["Sanne de Vries", "ADHD"], ["Daan Bakker", "-"]], sheet="Blad1")
    assert {u.place: u.record for u in units if u.column} == {"Blad1!A2": "Blad1!2", "Blad1!B2": "Blad1!2",
                                                             "Blad1!A3": "Blad1!3", "Blad1!B3": "Blad1!3"}
    content = row_content({"naam": "Sanne", "opmerking": "x"}, ["naam", "opmerking"], set(), {}, None)
    assert {u.record for u in content.units} == {"row"}
    assert read_forms(units) is units


def test_document_tables_are_read_by_the_forms_stage_not_the_extractor() -> None:
    """The extractor gives cells and row counts only; scanner/doctables.py reads the table with the forms
    stage's words. A header row followed by an empty last row still makes a list (two rows)."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Naam", "Geboortedatum", ""], strict=True):
        cell.text = text
    buf = io.BytesIO()
    document.save(buf)
    raw = extract(buf.getvalue(), "lijst.docx")
    assert [(u.place, u.text, u.record, u.column) for u in raw.units] == [
        ("tabel 1 rij 1 kolom 1", "Naam", "tabel 1 rij 1", None),
        ("tabel 1 rij 1 kolom 2", "Geboortedatum", "tabel 1 rij 1", None)]
    read = read_tables(raw)
    assert read.units == table_units([["Naam", "Geboortedatum"], []], 1)
    assert read.units != table_units([["Naam", "Geboortedatum"]], 1)  # one row only: a label|value line
    assert "table_rows" not in read.metadata and read_tables(read) is read
