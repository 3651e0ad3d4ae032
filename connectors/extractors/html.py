"""HTML pages and exported web forms: visible text per block ('regel N'), title as metadata.

The standard library parser is enough: we need text, not a DOM, and it never fails on broken markup.
Script, style and template contents are not text a person sees, so they are left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from connectors.extractors.text import decode_text
from scanner.kernel.model import Content, TextUnit

SKIP = {"script", "style", "template", "noscript", "head"}
BLOCK = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
         "article", "header", "footer", "blockquote", "pre", "dd", "dt", "hr", "form", "label", "option"}
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip_depth = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in SKIP:
            self.skip_depth += 1
        elif tag in BLOCK:
            self.lines.append("")
        if tag == "input":
            value = dict(attrs).get("value")
            if value and dict(attrs).get("type", "text") in ("text", "hidden", "email", "tel", "date"):
                self.lines.append(value)
                self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCK:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skip_depth:
            self.lines[-1] += data


def _decode(data: bytes) -> str:
    m = _CHARSET.search(data[:2048])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def extract_html(data: bytes, name: str) -> Content:
    parser = _TextParser()
    parser.feed(_decode(data))
    parser.close()
    lines = [re.sub(r"\s+", " ", line).strip() for line in parser.lines]
    units = [TextUnit(place=f"regel {i}", text=line) for i, line in enumerate((x for x in lines if x), 1)]
    title = re.sub(r"\s+", " ", parser.title).strip()
    return Content(units=units, metadata={"title": title} if title else {})
