"""The text python-docx gives a paragraph and a table row's cells, by walking the elements.

python-docx answers `Paragraph.text`, `_Row.cells` and `_Cell.text` with an XPath query per paragraph,
run and cell (compiled anew each call): a third of reading a school's .docx (benchmarks/README.md,
issue 17, session 30). The same text comes from looking at the element's children in order, by tag.
Every rule here is python-docx 1.2's, and tests/test_docx_text.py holds the two side by side.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R, _HYPERLINK, _P, _TC, _TR = f"{W}r", f"{W}hyperlink", f"{W}p", f"{W}tc", f"{W}tr"
_T, _TAB, _BR, _CR, _NO_BREAK_HYPHEN, _PTAB = f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}ptab"
_VAL, _TYPE = f"{W}val", f"{W}type"
_TC_PR, _GRID_SPAN, _V_MERGE = f"{W}tcPr", f"{W}gridSpan", f"{W}vMerge"
_TR_PR, _GRID_BEFORE = f"{W}trPr", f"{W}gridBefore"


def run_text(r: etree._Element) -> str:
    """CT_R.text: w:t as written, w:tab and w:ptab a tab, a line break (w:br of no type or
    'textWrapping', w:cr) a newline, a page or column break nothing, w:noBreakHyphen a hyphen."""
    out = []
    for child in r:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB or tag == _PTAB:
            out.append("\t")
        elif tag == _BR:
            if child.get(_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag == _CR:
            out.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")
    return "".join(out)


def paragraph_text(p: etree._Element) -> str:
    """CT_P.text: the runs that are the paragraph's children and those of its hyperlinks, in order
    (runs inside w:ins, w:smartTag, w:fldSimple or a content control are not python-docx's text)."""
    out = []
    for child in p:
        if child.tag == _R:
            out.append(run_text(child))
        elif child.tag == _HYPERLINK:
            out.extend(run_text(r) for r in child if r.tag == _R)
    return "".join(out)


def cell_text(tc: etree._Element) -> str:
    """_Cell.text: its own paragraphs (not those of a table inside it), one per line."""
    return "\n".join(paragraph_text(p) for p in tc if p.tag == _P)


def _number(parent: etree._Element | None, property_tag: str, default: int) -> int:
    found = parent.find(property_tag) if parent is not None else None
    return default if found is None else int(found.get(_VAL, default))


def _grid_span(tc: etree._Element) -> int:
    return _number(tc.find(_TC_PR), _GRID_SPAN, 1)


def _grid_before(tr: etree._Element) -> int:
    return _number(tr.find(_TR_PR), _GRID_BEFORE, 0)


def _continues_above(tc: etree._Element) -> bool:
    """w:vMerge without a value, or 'continue': the cell's content is the one above it."""
    pr = tc.find(_TC_PR)
    merge = pr.find(_V_MERGE) if pr is not None else None
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _tc_above(tc: etree._Element) -> etree._Element:
    """CT_Tc._tc_above: the cell at the same grid offset in the row before (ValueError as python-docx
    raises it: in the top row, or where the row before has no cell starting there)."""
    tr = tc.getparent()
    above = tr.getprevious()
    while above is not None and above.tag != _TR:
        above = above.getprevious()
    if above is None:
        raise ValueError("no tr above topmost tr in w:tbl")
    offset = _grid_before(tr) + sum(_grid_span(t) for t in tc.itersiblings(_TC, preceding=True))
    remaining = offset - _grid_before(above)
    for candidate in above.iterchildren(_TC):
        if remaining < 0:
            break
        if remaining == 0:
            return candidate
        remaining -= _grid_span(candidate)
    raise ValueError(f"no `tc` element at grid_offset={offset}")


def _grid_cells(tc: etree._Element) -> Iterator[etree._Element]:
    if _continues_above(tc):
        yield from _grid_cells(_tc_above(tc))
        return
    for _ in range(_grid_span(tc)):
        yield tc


def row_cells(tr: etree._Element) -> list[etree._Element]:
    """_Row.cells as their w:tc elements: a cell spanning columns once per column, a vertically merged
    cell's continuation as the cell where the merge starts."""
    return [cell for tc in tr.iterchildren(_TC) for cell in _grid_cells(tc)]
