"""PDFs page by page: the text layer through pypdf, and OCR for pages that have none (scans).

A page without text is rendered with pypdfium2 (a wheel with its own PDFium, no system library) at
300 dpi and read by Tesseract with Dutch language data. Places are 'pagina N regel M' either way;
metadata['ocr_pages'] lists the pages that needed OCR.
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from connectors.base import Unreadable
from connectors.extractors import register
from connectors.extractors.ocr import MAX_PAGES, line_units, ocr_image
from scanner.model import Content, TextUnit

DPI = 300


def _decrypt(reader: PdfReader) -> None:
    """Owner-password-only PDFs open with an empty user password; others need the password."""
    try:
        if reader.decrypt(""):
            return
    except Exception as err:  # unsupported algorithm, broken encryption dictionary
        raise Unreadable(f"versleutelde PDF (wachtwoord nodig; {type(err).__name__})") from None
    raise Unreadable("versleutelde PDF (wachtwoord nodig)")


def _render(data: bytes, pages: list[int]) -> dict[int, bytes]:
    """PNG bytes of the given (0-based) pages."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise Unreadable("gescande PDF: OCR niet mogelijk (pypdfium2 ontbreekt)") from None

    out: dict[int, bytes] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for index in pages:
            page = pdf[index]
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            out[index] = buf.getvalue()
            page.close()
    finally:
        pdf.close()
    return out


def _has_images(page: object) -> bool:
    """Only a page that draws images can be a scan; a blank page needs no OCR."""
    try:
        resources = page.get("/Resources")  # type: ignore[attr-defined]
        resources = resources.get_object() if resources is not None else {}
        return "/XObject" in resources
    except Exception:
        return True


@register(".pdf")
def extract_pdf(data: bytes, name: str) -> Content:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        _decrypt(reader)
    texts = [page.extract_text() or "" for page in reader.pages]
    scanned = [i for i, text in enumerate(texts) if not text.strip() and _has_images(reader.pages[i])]
    if len(scanned) > MAX_PAGES:
        raise Unreadable(f"gescande PDF met {len(scanned)} pagina's zonder tekstlaag (OCR-grens {MAX_PAGES})")
    if scanned:
        images = _render(data, scanned)
        for index, image in images.items():
            texts[index] = ocr_image(image)
    units: list[TextUnit] = []
    for p, text in enumerate(texts, 1):
        units.extend(line_units(text, f"pagina {p} ") if text.strip() else [])
    metadata: dict[str, object] = {}
    title = reader.metadata.get("/Title") if reader.metadata else None
    if title:
        metadata["title"] = str(title)
    if scanned:
        metadata["ocr_pages"] = [i + 1 for i in scanned]
    return Content(units=units, metadata=metadata)
