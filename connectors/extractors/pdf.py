"""PDFs page by page: the text layer through PDFium, and OCR for pages that have none (scans).

pypdf opens the file (decryption, the page count, the title) and inflates each page's content
streams and forms within its limits, so a PDF bomb is named and refused before anything else reads
it; the text itself comes from PDFium (pypdfium2: a wheel with its own PDFium, no system library),
six times faster than pypdf's extract_text, which parsed every font's character map again per page
(a fifth of a worker's time on a share of letters and reports). PDFium writes a line that ends in a
hyphen and the next as one, with U+0002 (U+FFFE in older PDFium) where the hyphen was; that is turned
back into the hyphen and the line break pypdf gave, so lines and their places stay as they were. A
file PDFium cannot open, or whose pages it counts otherwise, is read by pypdf as before.

A page without text is rendered with PDFium at 300 dpi and read by Tesseract with Dutch language
data. Places are 'pagina N regel M' either way; metadata['ocr_pages'] lists the pages that needed OCR.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.errors import LimitReachedError
from pypdf.generic import IndirectObject

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
    """pypdf's own text of a page: for a file PDFium cannot read."""
    listener = _LimitWarnings()
    pypdf_log = logging.getLogger("pypdf")
    pypdf_log.addHandler(listener)
    try:
        text = reader.pages[index].extract_text() or ""
    finally:
        pypdf_log.removeHandler(listener)
    if listener.hit:
        raise Unreadable(f"PDF-bom: een onderdeel van pagina {index + 1} pakt uit tot meer dan pypdf toestaat")
    return text


def _forms(resources: object, seen: set[int]) -> Iterator[object]:
    """The form XObjects a page's resources draw, and the forms they draw in turn (each once: forms may
    refer to each other in a circle). Images are left alone: text extraction never decodes them."""
    try:
        xobjects = resources.get("/XObject") if resources is not None else None  # type: ignore[attr-defined]
        xobjects = xobjects.get_object() if xobjects is not None else {}
        for ref in xobjects.values():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            form = ref.get_object()
            if key in seen or form.get("/Subtype") != "/Form":
                continue
            seen.add(key)
            yield form
            inner = form.get("/Resources")
            yield from _forms(inner.get_object() if inner is not None else None, seen)
    except LimitReachedError:
        raise
    except Exception:  # a broken resource dictionary: PDFium skips what it cannot read as well
        return


def _inflate_within_limits(reader: PdfReader, index: int) -> None:
    """Inflate what a page's text is drawn from (its content streams and forms) through pypdf, which stops at
    its output limit: a stream that would inflate to gigabytes is refused here, by name, before PDFium (which
    has no such limit) reads the page. pypdf keeps what it inflated only for this reader."""
    page = reader.pages[index]
    try:
        contents = page.get_contents()
        if contents is not None:
            contents.get_data()
    except LimitReachedError:
        raise Unreadable(f"PDF-bom: pagina {index + 1} pakt uit tot meer dan pypdf toestaat") from None
    try:
        resources = page.get("/Resources")
        for form in _forms(resources.get_object() if resources is not None else None, set()):
            form.get_data()  # type: ignore[attr-defined]
    except LimitReachedError:
        raise Unreadable(f"PDF-bom: een onderdeel van pagina {index + 1} pakt uit tot meer dan pypdf toestaat"
                         ) from None


def _pdfium_texts(data: bytes, pages: int) -> list[str] | None:
    """Each page's text through PDFium with pypdf's line breaks; None when PDFium cannot open the file or
    counts its pages otherwise than pypdf (a damaged file each repairs in its own way)."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        if len(pdf) != pages:
            return None
        texts = []
        for index in range(pages):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            textpage.close()
            page.close()
            texts.append(text.replace("\r\n", "\n").replace("\x02", "-\n").replace("\ufffe", "-\n"))
        return texts
    except pdfium.PdfiumError:
        return None
    finally:
        pdf.close()


def extract_pdf(data: bytes, name: str) -> Content:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        _decrypt(reader)
    pages = len(reader.pages)
    for index in range(pages):
        _inflate_within_limits(reader, index)
    texts = _pdfium_texts(data, pages)
    if texts is None:
        texts = [_page_text(reader, i) for i in range(pages)]
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
