"""The text layer of a PDF through PDFium, with pypdf's lines, limits and fallback (connectors.extractors.pdf)."""

from __future__ import annotations

import zlib

import pypdfium2
import pytest

from connectors.extractors import pdf as pdf_module
from connectors.extractors.pdf import extract_pdf
from scanner.kernel.errors import Unreadable
from tests.connectors.samples import pdf_bytes, pdf_from_objects

HYPHENATED = ["Bij Elif is in 2015 ADHD vastgesteld door Jeugd-", "GGZ Flevoland. Sociaal-", "emotioneel kwetsbaar."]


def lines(data: bytes) -> dict[str, str]:
    return {u.place: u.text for u in extract_pdf(data, "verslag.pdf").units}


def test_a_line_ending_in_a_hyphen_stays_a_line_of_its_own() -> None:
    """PDFium joins it with the next line and marks the hyphen U+0002; the places must stay pypdf's."""
    assert lines(pdf_bytes(HYPHENATED)) == {f"pagina 1 regel {n}": line for n, line in enumerate(HYPHENATED, 1)}


def test_no_carriage_returns_in_the_lines() -> None:
    assert not any("\r" in text for text in lines(pdf_bytes(["Eerste regel", "Tweede regel", "Derde"])).values())


def test_pdfium_gives_the_text_when_it_can(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not pypdf's extract_text: that is the slow path, for files PDFium cannot read."""
    def refuse(*_a: object, **_k: object) -> str:
        raise AssertionError("pypdf's extract_text was asked")

    monkeypatch.setattr(pdf_module, "_page_text", refuse)
    assert lines(pdf_bytes(["Leerling Sanne", "Diagnose: dyslexie"]))["pagina 1 regel 2"] == "Diagnose: dyslexie"


def test_a_file_pdfium_cannot_open_is_read_by_pypdf(monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot(*_a: object, **_k: object) -> object:
        raise pypdfium2.PdfiumError("kapot")

    monkeypatch.setattr(pdf_module.pdfium, "PdfDocument", cannot)
    assert lines(pdf_bytes(["Leerling Sanne", "Diagnose: dyslexie"])) == {
        "pagina 1 regel 1": "Leerling Sanne", "pagina 1 regel 2": "Diagnose: dyslexie"}


def test_pages_counted_otherwise_are_read_by_pypdf(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    real = pdf_module._page_text

    def pypdf_text(reader: object, index: int) -> str:
        asked.append(index)
        return real(reader, index)  # type: ignore[arg-type]

    class TwoPages(pypdfium2.PdfDocument):  # type: ignore[misc]
        def __len__(self) -> int:
            return 2

    monkeypatch.setattr(pdf_module, "_page_text", pypdf_text)
    monkeypatch.setattr(pdf_module.pdfium, "PdfDocument", TwoPages)
    assert lines(pdf_bytes(["Leerling Sanne"])) == {"pagina 1 regel 1": "Leerling Sanne"}
    assert asked == [0]


def _form_bomb(mb: int) -> bytes:
    """A page that draws a form XObject whose stream inflates to `mb` MB of spaces: the page's own
    content stream is tiny, so only a look at what it draws finds the bomb."""
    comp = zlib.compressobj(9)
    stream = b"".join(comp.compress(b" " * (1 << 20)) for _ in range(mb)) + comp.flush()
    content = b"q /Fm1 Do Q"
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Fm1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length %d /Filter /FlateDecode >>\nstream\n"
        % len(stream) + stream + b"\nendstream",
    ])


def test_a_form_that_inflates_past_pypdfs_limit_is_a_bomb_before_pdfium_reads_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_a: object, **_k: object) -> object:
        raise AssertionError("PDFium read a bomb")

    monkeypatch.setattr(pdf_module.pdfium, "PdfDocument", never)
    with pytest.raises(Unreadable, match=r"^PDF-bom: een onderdeel van pagina 1"):
        extract_pdf(_form_bomb(200), "bom.pdf")


def test_forms_that_draw_each_other_are_looked_at_once() -> None:
    """A circle of forms (each draws the other) must not loop; the text around it is read."""
    text = b"BT /F1 12 Tf 72 760 Td (Leerling Sanne) Tj ET q /Fm1 Do Q"
    circle = b"q /Fm2 Do Q"
    back = b"q /Fm1 Do Q"
    data = pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 7 0 R >> /XObject << /Fm1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm2 6 0 R >> >> "
        b"/Length %d >>\nstream\n" % len(circle) + circle + b"\nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm1 5 0 R >> >> "
        b"/Length %d >>\nstream\n" % len(back) + back + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])
    assert lines(data) == {"pagina 1 regel 1": "Leerling Sanne"}
