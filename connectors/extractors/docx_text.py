"""The text of a Word paragraph and a table row's cells, by walking the elements.

python-docx answers `Paragraph.text`, `_Row.cells` and `_Cell.text` with an XPath query per paragraph,
run and cell (compiled anew each call): a third of reading a school's .docx (benchmarks/README.md,
issue 17, session 30). The same text comes from looking at the element's children in order, by tag.
The rules are python-docx 1.2's (tests/test_docx_text.py holds the two side by side), with one
difference a privacy scan needs: python-docx reads only the runs that are a paragraph's (or its
hyperlinks') children, so a filled-in form field (a content control, w:sdt), a tracked insertion, a
mail-merge field's result and the rows, cells and paragraphs of a content control were not read at all;
here they are, where Word shows them. Tracked deletions are no part of the text Word shows, but the file
still holds them: `deleted_text` gives them apart, so a report can say a "removed" name is still there.
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
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
_DEL, _MOVE_FROM, _DEL_TEXT = f"{W}del", f"{W}moveFrom", f"{W}delText"
_INLINE = frozenset({_HYPERLINK, _SDT, _SDT_CONTENT, _CUSTOM_XML, f"{W}ins", f"{W}moveTo", f"{W}smartTag",
                     f"{W}fldSimple", f"{W}dir", f"{W}bdo"})
"""Elements inside a paragraph whose runs Word shows: hyperlinks, content controls (their w:sdtContent; the
w:sdtPr beside it holds settings), custom XML, tracked insertions and moves, smart tags, simple fields,
text direction."""
_WRAPPERS = frozenset({_SDT, _SDT_CONTENT, _CUSTOM_XML})
"""Elements that may hold whole paragraphs, tables, rows or cells: a content control or custom XML."""


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
    """The runs Word shows, in order: python-docx's CT_P.text (the paragraph's runs and its hyperlinks')
    and the runs inside the elements of `_INLINE` (python-docx leaves those out)."""
    out: list[str] = []
    _shown_runs(p, out)
    return "".join(out)


def _shown_runs(element: etree._Element, out: list[str]) -> None:
    for child in element:
        if child.tag == _R:
            out.append(run_text(child))
        elif child.tag in _INLINE:
            _shown_runs(child, out)


def deleted_text(p: etree._Element) -> str:
    """The paragraph's tracked deletions (w:del, and w:moveFrom: the old place of moved text), in order."""
    out: list[str] = []
    for removed in p.iter(_DEL, _MOVE_FROM):
        if any(a.tag in (_DEL, _MOVE_FROM) for a in removed.iterancestors(_DEL, _MOVE_FROM)):
            continue  # read with the deletion around it
        out.extend(node.text or "" for node in removed.iter(_DEL_TEXT, _T))
    return "".join(out)


def blocks(container: etree._Element, tags: tuple[str, ...] = (_P, f"{W}tbl")) -> Iterator[etree._Element]:
    """The children of `container` with one of `tags`, in order, also where a content control or custom
    XML wraps them (a form's block of paragraphs, a table row or cell in a content control)."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from blocks(child, tags)


def cell_text(tc: etree._Element) -> str:
    """_Cell.text: its own paragraphs (not those of a table inside it), one per line; also the paragraphs
    of a content control in the cell."""
    return "\n".join(paragraph_text(p) for p in blocks(tc, (_P,)))


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
    tr = next(tc.iterancestors(_TR))
    above = _row_before(tr)
    if above is None:
        raise ValueError("no tr above topmost tr in w:tbl")
    cells = list(blocks(tr, (_TC,)))
    offset = _grid_before(tr) + sum(_grid_span(t) for t in cells[:next(i for i, c in enumerate(cells) if c is tc)])
    remaining = offset - _grid_before(above)
    for candidate in blocks(above, (_TC,)):
        if remaining < 0:
            break
        if remaining == 0:
            return candidate
        remaining -= _grid_span(candidate)
    raise ValueError(f"no `tc` element at grid_offset={offset}")


def _row_before(tr: etree._Element) -> etree._Element | None:
    """The table row before `tr`, also across content controls around either of them."""
    element = tr
    while element is not None and element.tag != f"{W}tbl":
        before = element.getprevious()
        while before is not None:
            if before.tag == _TR:
                return before
            if before.tag in _WRAPPERS:
                rows = list(blocks(before, (_TR,)))
                if rows:
                    return rows[-1]
            before = before.getprevious()
        element = element.getparent()
    return None


def _grid_cells(tc: etree._Element) -> Iterator[etree._Element]:
    if _continues_above(tc):
        yield from _grid_cells(_tc_above(tc))
        return
    for _ in range(_grid_span(tc)):
        yield tc


def row_cells(tr: etree._Element) -> list[etree._Element]:
    """_Row.cells as their w:tc elements: a cell spanning columns once per column, a vertically merged
    cell's continuation as the cell where the merge starts."""
    return [cell for tc in blocks(tr, (_TC,)) for cell in _grid_cells(tc)]


def table_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """The table's w:tr, also those inside a content control (a repeating section of a form)."""
    return blocks(tbl, (_TR,))
