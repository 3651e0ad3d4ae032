"""Session 31: a PER span in a table column whose header names a class of things, organisations or places.

Why (issue 18, session 31): inventories, menus, timetables of trips and lists of apps are Markdown tables
on a school share, and the scanner hands the NER a table whole, with its bars and its header row
('| Artikel | Merk en type | Aantal |'). The NER calls an unknown capitalised word in a cell a person,
but the header says what every cell of its column is: a 'Merk' column holds brands, a 'Rivier' column
rivers, a 'Databank of dienst' column services. The header's words are the class nouns of
context_words.txt (also as a compound's head or a plural, `class_section`) and its [column] section
('merk', 'type', 'model', 'vak'); a column of persons is headed by a human noun ('Naam', 'Leerling',
'Uitgeleend aan'), which is in no section, so its cells keep their names.

Only a table the text holds with its bars and a header row followed by the `|---|` separator counts, written
line by line or with its rows joined on one line (as the scanner's blocks hold a table unit:
scanner/detection/detect.py); a cell of the header itself is judged as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span

from config.nlp.person_context import CLASS_SECTIONS, class_section

if TYPE_CHECKING:
    from config.nlp.check_words import CheckWords

SEPARATOR_CELLS = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")
"""The row under a Markdown table's header ('|---|---|', '| :--- | ---: |'): its bars count the columns."""
HEADER_WORD = re.compile(r"[^\W\d_][\w'-]*")
COLUMN_SECTIONS = (*CLASS_SECTIONS, "column", "column-place")
PERSON_TAIL = 5
"""The shortest [column-person] word that also counts as a compound's end ('klassenmentor'; not 'kind' in
'speelkind')."""
COLUMN_LABELS = {"organisation-before": "ORG", "place-before": "LOC", "column-place": "LOC"}


def column_class(span: Span, words: CheckWords, text: str | None = None) -> str | None:
    """The section of context_words.txt that the header of the span's table column names ('column' for
    [column] words such as 'merk'), or None when the span is in no table cell under such a header. `text`
    is the doc's text when the caller has it (`Doc.text` joins it again from a Token per word)."""
    text = span.doc.text if text is None else text
    start, end = span.start_char, span.end_char
    if "|" in text[start:end]:
        return None
    table = _table_before(text, start)
    if table is None:
        return None
    separators = list(SEPARATOR_CELLS.finditer(table))
    if not separators:
        return None
    separator = separators[-1]  # the last table's header, when a line holds two
    columns = separator.group().count("|") - 1
    header = [c.strip() for c in table[:separator.start()].rstrip().rstrip("|").split("|")]
    bars = table.count("|", separator.end())
    if columns < 1 or len(header) < columns or bars < 1 or (bars - 1) % (columns + 1) == columns:
        return None  # no header row, or the span is between two rows
    cell = HEADER_WORD.findall(header[len(header) - columns + (bars - 1) % (columns + 1)].casefold())
    if any(_person_word(word, words) for word in cell):
        return None  # '| App en gebruiker |': a column of persons too
    for word in cell:
        found = class_section(word, words, COLUMN_SECTIONS) or class_section(word, words, COLUMN_SECTIONS, plural=True)
        if found:
            return found
    return None


def _person_word(word: str, words: CheckWords) -> bool:
    """A header word of context_words.txt [column-person], or a compound ending in one of five letters or
    more ('groepsleerkracht')."""
    people = words.context.get("column-person", ())
    return word in people or any(word.endswith(p) for p in people if len(p) >= PERSON_TAIL)


def _table_before(text: str, start: int) -> str | None:
    """The table up to `start` as one line: the rows of a table written line by line joined by a space, as
    the scanner joins a table unit's lines ('| A | B | |---|---| | a | b |'); None when `start` is in no
    line that opens with a bar."""
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].lstrip().startswith("|"):
        return None
    rows = [text[line_start:start]]
    pos = line_start
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        prev = text[prev_start:pos - 1]
        if not prev.lstrip().startswith("|"):
            break
        rows.insert(0, prev.strip())
        pos = prev_start
    return " ".join(rows)


def column_label(section: str) -> str | None:
    """The label a cell gets by its column's class: ORG for organisations, LOC for places, none else."""
    return COLUMN_LABELS.get(section)
