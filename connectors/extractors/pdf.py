"""PDFs with a text layer, page by page (pypdf)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from connectors.base import Unreadable
from connectors.extractors import register
from scanner.model import Content, TextUnit


@register(".pdf")
def extract_pdf(data: bytes, name: str) -> Content:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                raise Unreadable("versleutelde PDF (wachtwoord nodig)")
        except Exception as err:
            raise Unreadable("versleutelde PDF (wachtwoord nodig)") from err
    units: list[TextUnit] = []
    pages = 0
    for p, page in enumerate(reader.pages, 1):
        pages += 1
        text = page.extract_text() or ""
        for i, line in enumerate(text.splitlines(), 1):
            if line.strip():
                units.append(TextUnit(place=f"pagina {p} regel {i}", text=line))
    if pages and not units:
        raise Unreadable("PDF zonder tekstlaag (scan); OCR is nodig")
    title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    return Content(units=units, metadata={"title": str(title)} if title else {})
