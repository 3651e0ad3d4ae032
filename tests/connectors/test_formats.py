"""Every supported format, on a real file generated here, with the places its text comes from;
and the ways a file can be unreadable (encrypted, corrupt, unsupported), each with a Dutch reason."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from connectors.extractors import extract
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content
from tests.connectors import samples
from tests.connectors.samples import DIAGNOSIS, NAME

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract is not installed; .ci/system-packages.sh installs it")
needs_antiword = pytest.mark.skipif(shutil.which("antiword") is None,
                                    reason="antiword is not installed; .ci/system-packages.sh installs it")


def places(content: Content) -> dict[str, str]:
    return {u.place: u.text for u in content.units}


def test_docx_body_table_header_footer_comment() -> None:
    content = extract(samples.docx_bytes(), "dossier.docx")
    got = places(content)
    assert got["alinea 1"] == f"Leerling {NAME} heeft {DIAGNOSIS}."
    assert got["tabel 1 rij 2 kolom 1"] == "Daan Bakker"
    assert got["koptekst sectie 1"] == "Vertrouwelijk dossier koptekst"
    assert got["voettekst sectie 1"] == "Zorgteam voettekst"
    assert got["opmerking 1"] == "Moeder belde over medicatie"
    assert content.metadata["title"] == "Dossier Sanne"


def test_pptx_slides_groups_tables_and_notes() -> None:
    from scanner.doctables import read_tables

    content = extract(samples.pptx_bytes(), "mdo.pptx")
    got = places(content)
    assert got["dia 1 tekstvak 1"] == "MDO groep 5" and got["dia 1 tekstvak 2"] == "Zorgteam november"
    assert got["dia 2 tekstvak 2"] == f"{NAME}: onderzoek naar {DIAGNOSIS}"  # inside a group
    assert got["tabel 1 rij 2 kolom 1"] == "Daan Bakker"
    read = read_tables(content)  # the linking stage reads the table as a list with its header row
    assert next(u.column for u in read.units if u.place == "tabel 1 rij 2 kolom 3") == "Zorg"
    assert got["dia 2 notities"] == "Moeder van Sanne belde over medicatie"
    assert content.metadata["title"] == "MDO groep 5"


def test_pptx_zip_bomb_and_renamed_binary_are_refused() -> None:
    with pytest.raises(Unreadable, match="versleuteld"):
        extract(samples.encrypted_docx(), "geheim.pptx")
    with pytest.raises(Unreadable, match="beschadigd"):
        extract(b"PK\x03\x04 geen presentatie", "kapot.pptx")


@needs_antiword
def test_doc_through_antiword() -> None:
    got = places(extract(samples.doc_bytes(), "oud.doc"))
    assert got == {"alinea 1": f"Dossier van {NAME}", "alinea 2": f"Diagnose: {DIAGNOSIS}"}


@pytest.mark.parametrize("name", ["lijst.xlsx", "macro.xlsm"])
def test_xlsx_cells_with_sheet_and_typed_dates(name: str) -> None:
    content = extract(samples.xlsx_bytes(), name)
    got = places(content)
    assert got["Leerlingen!A2"] == NAME and got["Leerlingen!B2"] == "03-02-2014"
    assert next(u.column for u in content.units if u.place == "Leerlingen!C2") == "Diagnose"


def test_xls_cells_with_typed_dates() -> None:
    got = places(extract(samples.xls_bytes(), "oud.xls"))
    assert got["Zorg!A2"] == NAME and got["Zorg!B2"] == "03-02-2014" and got["Zorg!C2"] == DIAGNOSIS


def test_odt_paragraphs_comment_header_footer() -> None:
    got = places(extract(samples.odt_bytes(), "verslag.odt"))
    assert got["alinea 2"] == f"Leerling {NAME} heeft {DIAGNOSIS}."  # the comment is not in the paragraph
    assert got["opmerking 1"] == "Opmerking: ouders ingelicht"
    assert got["koptekst (Standard)"] == "Kop: leerlingdossier"
    assert got["voettekst (Standard)"] == "Voet: vertrouwelijk"


def test_reading_odf_leaves_sys_path_as_it_was_for_processes_started_later(tmp_path) -> None:  # noqa: ANN001
    """odfpy appends its folder to sys.path, and a process spawned later (a dask worker) then found odfpy's
    config.py for avgscan's `config` and failed to start. Since session 37 the reader imports odfpy only for
    its namespaces; the demo, which writes .odt files through odfpy, cleans up after it as the reader does.
    Run where a school runs it: outside the checkout, without PYTHONPATH (an installed avgscan; with an
    editable install its finder comes after sys.path)."""
    code = textwrap.dedent("""
        import multiprocessing, sys
        from pathlib import Path

        def child(queue):
            import config
            queue.put(config.__file__)

        if __name__ == "__main__":
            import odf
            import connectors.extractors.odf as reader
            import odf.opendocument, odf.table, odf.text  # as the demo writes its .odt files
            reader.keep_odfpy_off_sys_path()
            print(str(Path(odf.__file__).parent) in sys.path)
            ctx = multiprocessing.get_context("spawn")
            queue = ctx.Queue()
            worker = ctx.Process(target=child, args=(queue,))
            worker.start()
            print(queue.get(timeout=60))
            worker.join()
    """)
    script = tmp_path / "spawn_after_odf.py"
    script.write_text(code)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    if "No module named 'connectors'" in done.stderr:
        pytest.skip("avgscan is not installed in this interpreter (only on PYTHONPATH)")
    assert done.returncode == 0, done.stderr
    on_path, config_file = done.stdout.split()
    assert on_path == "False"
    assert Path(config_file).parent.name == "config" and "odf" not in Path(config_file).parts


def test_ods_cells_and_a_million_empty_rows() -> None:
    content = extract(samples.ods_bytes(), "lijst.ods")
    assert places(content) == {"Zorg!A1": "Naam", "Zorg!B1": "Diagnose", "Zorg!A2": NAME, "Zorg!B2": DIAGNOSIS}


def test_csv_semicolon_cp1252_with_decimal_commas() -> None:
    content = extract(samples.csv_semicolon_cp1252(), "export.csv")
    got = places(content)
    assert content.metadata["delimiter"] == ";"
    assert got["A2"] == NAME and got["B2"] == "7,5" and got["C2"] == f"café-bezoek {DIAGNOSIS}"
    assert next(u.column for u in content.units if u.place == "C2") == "Opmerking"


def test_tsv_utf16_with_bom() -> None:
    got = places(extract(samples.csv_utf16(), "unicode.tsv"))
    assert got["A2"] == NAME and got["B2"] == DIAGNOSIS


def test_csv_utf16_without_bom_and_commas_in_quotes() -> None:
    got = places(extract("naam;klas\nSanne;5\n".encode("utf-16-le"), "x.csv"))
    assert got["A2"] == "Sanne"
    got = places(extract(samples.csv_comma(), "x.csv"))
    assert got["B2"] == "dyslexie, ernstig"


def test_txt_lines() -> None:
    got = places(extract(samples.txt_bytes(), "notitie.txt"))
    assert got == {"regel 1": "Gesprek met ouders", "regel 3": f"{NAME} heeft {DIAGNOSIS}."}


def test_txt_cp1252() -> None:
    assert places(extract("Zoë heeft één broer".encode("cp1252"), "a.txt")) == {"regel 1": "Zoë heeft één broer"}


def test_rtf_paragraphs() -> None:
    got = places(extract(samples.rtf_bytes(), "brief.rtf"))
    assert got["alinea 1"] == "Brief aan ouders"
    assert got["alinea 2"].startswith(f"Leerling {NAME} heeft {DIAGNOSIS}. Café")


def test_html_visible_text_only() -> None:
    content = extract(samples.html_bytes(), "pagina.html")
    texts = [u.text for u in content.units]
    assert f"Leerling {NAME} heeft {DIAGNOSIS}." in texts and "Groep 5" in texts
    assert not any("geheim" in t or "color" in t for t in texts)
    assert content.metadata["title"] == "Zorgoverzicht"


def test_pdf_text_layer_pages_and_lines() -> None:
    got = places(extract(samples.pdf_bytes(), "verslag.pdf"))
    assert got == {"pagina 1 regel 1": f"Leerling {NAME}", "pagina 1 regel 2": f"Diagnose: {DIAGNOSIS}"}


@needs_tesseract
def test_scanned_pdf_through_ocr() -> None:
    content = extract(samples.scanned_pdf_bytes(), "scan.pdf")
    text = " ".join(u.text for u in content.units)
    assert NAME in text and DIAGNOSIS in text
    assert content.units[0].place.startswith("pagina 1 regel") and content.metadata["ocr_pages"] == [1]


@needs_tesseract
@pytest.mark.parametrize("fmt,name", [("PNG", "foto.png"), ("JPEG", "foto.jpg"), ("TIFF", "scan.tiff")])
def test_images_through_ocr(fmt: str, name: str) -> None:
    content = extract(samples.image_bytes(fmt), name)
    text = " ".join(u.text for u in content.units)
    assert NAME in text and DIAGNOSIS in text
    assert all(u.place.startswith("regel ") for u in content.units)


def test_eml_headers_body_and_date() -> None:
    content = extract(samples.eml_bytes(), "mail.eml")
    got = places(content)
    assert got["kop Subject"] == "Subject: Verslag Sanne" and got["tekst regel 3"] == f"{NAME} heeft {DIAGNOSIS}."
    assert str(content.metadata["date"]) == "2025-03-03"


def test_msg_headers_body_and_date() -> None:
    content = extract(samples.msg_bytes(), "bericht.msg")
    got = places(content)
    assert got["kop Subject"] == "Subject: Verslag Sanne" and got["tekst regel 2"] == f"{NAME} heeft {DIAGNOSIS}."
    assert str(content.metadata["date"]) == "2025-03-03"


def test_eml_and_msg_list_their_attachments() -> None:
    from connectors.extractors import Limits
    from connectors.members import list_members

    for data, name in ((samples.eml_bytes([("a.txt", b"x"), ("a.txt", b"y")]), "m.eml"),
                       (samples.msg_bytes([("a.txt", b"x"), ("a.txt", b"y")]), "m.msg")):
        members = list_members(data, name, Limits())
        assert [m.name for m in members] == ["a.txt", "a (2).txt"]
        assert [m.load() for m in members if m.load] == [b"x", b"y"]
        assert str(members[0].metadata["date"]) == "2025-03-03"


# -- unreadable, with a reason ---------------------------------------------------------------------
def _reason(data: bytes, name: str) -> str:
    with pytest.raises(Unreadable) as err:
        extract(data, name)
    return str(err.value)


def test_encrypted_office_file() -> None:
    assert "versleuteld" in _reason(samples.encrypted_docx(), "geheim.docx")
    assert "versleuteld" in _reason(samples.encrypted_docx(), "geheim.xlsx")


def test_encrypted_pdf() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(samples.pdf_bytes())))
    writer.encrypt(user_password="geheim", owner_password="eigenaar", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert "versleutelde PDF" in _reason(buf.getvalue(), "geheim.pdf")


@pytest.mark.parametrize("name", ["kapot.docx", "kapot.xlsx", "kapot.pdf", "kapot.odt", "kapot.xls", "kapot.msg",
                                  "kapot.doc", "kapot.rtf", "kapot.png"])
def test_corrupt_files(name: str) -> None:
    reason = _reason(b"dit is geen geldig bestand" * 10, name)
    assert any(word in reason for word in ("beschadigd", "geen geldig", "niet ondersteund", "onbekende")), reason


def test_unsupported_format() -> None:
    assert _reason(b"\x00\x01", "tekening.dwg") == "formaat niet ondersteund (.dwg)"


def test_signed_mail_attachments_and_signature() -> None:
    from email.message import EmailMessage

    from connectors.extractors import Limits
    from connectors.members import list_members

    inner = EmailMessage()
    inner.set_content(f"{NAME} heeft {DIAGNOSIS}")
    inner.add_attachment(b"bijlage", maintype="text", subtype="plain", filename="a.txt")
    outer = EmailMessage()
    outer["Date"] = "Mon, 03 Mar 2025 10:00:00 +0100"
    outer.make_mixed()
    outer.set_type("multipart/signed")
    outer.attach(inner)
    signature = EmailMessage()
    signature.set_content(b"SIG", maintype="application", subtype="pkcs7-signature", filename="smime.p7s")
    outer.attach(signature)
    data = outer.as_bytes()
    assert places(extract(data, "s.eml"))["tekst regel 1"] == f"{NAME} heeft {DIAGNOSIS}"
    members = list_members(data, "s.eml", Limits())
    assert [(m.name, bool(m.skip)) for m in members] == [("a.txt", False), ("smime.p7s", True)]


def test_calendar_and_contact_cards_are_text() -> None:
    got = places(extract(b"BEGIN:VCARD\nFN:Sanne de Vries\nTEL:0612345678\nEND:VCARD\n", "ouder.vcf"))
    assert got["regel 2"] == "FN:Sanne de Vries"
