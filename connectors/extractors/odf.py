"""OpenDocument text (.odt): paragraphs and headings in reading order."""

from __future__ import annotations

import io
from collections.abc import Iterator

from odf import teletype
from odf.element import Element
from odf.opendocument import load

from connectors.extractors import register
from scanner.model import Content, TextUnit

_TEXT_TAGS = ("text:p", "text:h")


def _blocks(node: Element) -> Iterator[Element]:
    for child in node.childNodes:
        if getattr(child, "qname", None) and child.tagName in _TEXT_TAGS:
            yield child
        elif getattr(child, "childNodes", None):
            yield from _blocks(child)


@register(".odt")
def extract_odt(data: bytes, name: str) -> Content:
    doc = load(io.BytesIO(data))
    units = []
    for i, el in enumerate(_blocks(doc.text), 1):
        text = teletype.extractText(el)
        if text.strip():
            units.append(TextUnit(place=f"alinea {i}", text=text))
    return Content(units=units)
