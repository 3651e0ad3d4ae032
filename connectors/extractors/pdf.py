"""PDFs page by page: the text layer through pypdf, and OCR for pages that have none (scans).

A page without text is rendered with pypdfium2 (a wheel with its own PDFium, no system library) at
300 dpi and read by Tesseract with Dutch language data. Places are 'pagina N regel M' either way;
metadata['ocr_pages'] lists the pages that needed OCR.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import LimitReachedError

from connectors.extractors.ocr import MAX_PAGES, MAX_PIXELS, line_units, ocr_image
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, TextUnit

DPI = 300


def _decrypt(reader: PdfReader) -> None:
    """Owner-password-only PDFs open with an empty user password; others need the password."""
    try:
        if reader.decrypt(""):
            return
    except Exception as err:  # unsupported algorithm, broken encryption dictionary
        raise Unreadable(f"versleutelde PDF (wachtwoord nodig; {type(err).__name__})") from None
    raise Unreadable("versleutelde PDF (wachtwoord nodig)")


def render_scale(width_pt: float, height_pt: float) -> float:
    """300 dpi, or less for a page so large that 300 dpi would exceed MAX_PIXELS.

    A page's size is a number in the file: a 200 x 200 inch page at 300 dpi is a 3.6-gigapixel
    bitmap (gigabytes of memory for one 'scan'). Rendering at most MAX_PIXELS keeps memory and OCR
    time bounded; a real scan (A4 to A0) is never scaled down.
    """
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    return min(DPI / 72, (MAX_PIXELS / area) ** 0.5)


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
            image = page.render(scale=render_scale(*page.get_size()), grayscale=True).to_pil()
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


class _LimitWarnings(logging.Handler):
    """pypdf stops inflating a stream at its output limit, but text extraction then logs a warning
    and carries on with an empty page: we listen for it, so such a page is never silently blank."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.hit = False

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.msg} {record.args}"
        if "LimitReached" in text or "Limit reached" in text:
            self.hit = True


def _page_text(reader: PdfReader, index: int) -> str:
    page = reader.pages[index]
    try:
        contents = page.get_contents()
        if contents is not None:
            contents.get_data()  # inflated once here (pypdf keeps it) so a bomb is noticed, not swallowed
    except LimitReachedError:
        raise Unreadable(f"PDF-bom: pagina {index + 1} pakt uit tot meer dan pypdf toestaat") from None
    listener = _LimitWarnings()
    pypdf_log = logging.getLogger("pypdf")
    pypdf_log.addHandler(listener)
    try:
        text = page.extract_text() or ""
    finally:
        pypdf_log.removeHandler(listener)
    if listener.hit:
        raise Unreadable(f"PDF-bom: een onderdeel van pagina {index + 1} pakt uit tot meer dan pypdf toestaat")
    return text


def extract_pdf(data: bytes, name: str) -> Content:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        _decrypt(reader)
    texts = [_page_text(reader, i) for i in range(len(reader.pages))]
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
