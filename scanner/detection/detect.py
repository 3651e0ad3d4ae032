"""Run the analyzer over an item's text units and turn Presidio results into Findings.

Units are joined into blocks of a few kilobytes per `analyze()` call: one call per cell would be
slow, one call per document hits Presidio's context step, which is quadratic in text length. Spans
are mapped back to their unit; a span that crosses two units is dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scanner.detection.masking import mask
from scanner.detection.ner_gate import own_names_pattern
from scanner.detection.spans import one_line
from scanner.detection.tables import column_group, column_type, valid_for
from scanner.kernel.entities import catalogue
from scanner.kernel.keys import Keyer
from scanner.kernel.model import WEAK_NAME_SCORE, Finding, TextUnit
from scanner.kernel.names import PARTICLES
from scanner.kernel.text import fold

if TYPE_CHECKING:  # Presidio loads with the analyzer: linking (unknown children) imports this module too
    from presidio_analyzer import AnalyzerEngine, RecognizerResult

BLOCK_CHARS = 4000
# Which types are reported and which wins an overlap: the catalogue's `reported` and `priority`
# (config/entities.yaml).
# Names found right after a title or initials: the name starts the span, so across a line break the
# first piece is the name ('mw. L. David⏎Verwezen door'), not the last.
NAME_AFTER_CUE_RECOGNIZERS = frozenset({"NlTitledNameRecognizer", "NlInitialsNameRecognizer"})
PERSON_RECOGNIZER_RANK = {"RegisterNameRecognizer": 0, "NlTitledNameRecognizer": 1, "NlInitialsNameRecognizer": 1}
MIN_SCORE = 0.35
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n\s*(?:[-•*]|\d+[.)])\s")


@dataclass
class Hit:
    unit: int
    start: int
    end: int
    result: RecognizerResult


def _blocks(units: list[TextUnit]) -> Iterator[tuple[str, list[int], list[int]]]:
    """(block text, start offset of each unit in it, unit indexes)."""
    text_parts: list[str] = []
    starts: list[int] = []
    idx: list[int] = []
    size = 0
    for i, unit in enumerate(units):
        if text_parts and size + len(unit.text) > BLOCK_CHARS:
            yield "\n".join(text_parts), starts, idx
            text_parts, starts, idx, size = [], [], [], 0
        starts.append(size)
        idx.append(i)
        text_parts.append(unit.text.replace("\n", " "))
        size += len(unit.text) + 1
    if text_parts:
        yield "\n".join(text_parts), starts, idx


def block_texts(units: list[TextUnit]) -> list[str]:
    """The texts `analyze_units` gives the analyzer for a document's units (a row's cells go one by
    one through the memo instead), for `SchoolAnalyzerEngine.prepare`."""
    return [block for block, _, _ in _blocks(units)]


def _ranker(priority: dict[str, int]) -> Callable[[RecognizerResult], tuple[int, int, float, int]]:
    from presidio_analyzer import RecognizerResult

    last = len(priority)  # LOCATION, ORGANIZATION: after every reported type
    name_key = RecognizerResult.RECOGNIZER_NAME_KEY

    def rank(r: RecognizerResult) -> tuple[int, int, float, int]:
        rec = r.recognition_metadata.get(name_key, "")
        return (priority.get(r.entity_type, last), PERSON_RECOGNIZER_RANK.get(rec, 2), -r.score, -(r.end - r.start))
    return rank


def resolve_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Of overlapping results the one of the type with the better catalogue priority stays."""
    kept: list[RecognizerResult] = []
    for r in sorted(results, key=_ranker(catalogue().priority)):
        if not any(k.start < r.end and r.start < k.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)


def _trim(text: str, start: int, end: int, etype: str = "") -> tuple[int, int]:
    """Punctuation around a span is not part of it, except the '+' or '(' that opens a phone number
    ('+31 6 12345678', '(036) 523 45 67')."""
    while start < end and not text[start].isalnum():
        if etype == "PHONE_NUMBER" and text[start] in "+(":
            break
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    if end > start and text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    if end > start and text[start] == "(" and ")" not in text[start:end]:
        start += 1
    return start, end


_NUMERIC = re.compile(r"^[\d\s.,:/+()-]*$")
_MEMO_LIMIT = 200_000


class CellMemo:
    """Per-process memory of what the analyzer found in a cell value.

    Database tables repeat their values (a remark, a category, a diagnosis) across many rows; a
    value's findings do not depend on its row, so each distinct value is analysed once.
    """

    def __init__(self) -> None:
        self.results: dict[str, list[RecognizerResult]] = {}

    def analyze(self, analyzer: AnalyzerEngine, text: str) -> list[RecognizerResult]:
        found = self.results.get(text)
        if found is None:
            if len(self.results) >= _MEMO_LIMIT:
                self.results.clear()
            reported = catalogue().reported
            found = self.results[text] = resolve_overlaps(
                [r for r in analyzer.analyze(text=text, language="nl", score_threshold=MIN_SCORE)
                 if r.entity_type in reported])
        return found


def analyze_cells(analyzer: AnalyzerEngine, units: list[TextUnit], memo: CellMemo) -> list[Hit]:
    """Row cells one by one through the memo; pure numbers and dates only need the column classifier
    and the identifier checks, not the NLP pipeline."""
    hits: list[Hit] = []
    for i, unit in enumerate(units):
        text = unit.text
        if _NUMERIC.match(text) and sum(map(str.isdigit, text)) not in (9, 10, 11):
            continue  # amounts, hours, dates and ids: no BSN, onderwijsnummer or phone number in there
        hits.extend(Hit(i, r.start, r.end, r) for r in memo.analyze(analyzer, text))
    return hits


def analyze_units(analyzer: AnalyzerEngine, units: list[TextUnit], memo: CellMemo | None = None) -> list[Hit]:
    if memo is not None:
        return analyze_cells(analyzer, units, memo)
    hits: list[Hit] = []
    reported = catalogue().reported
    for block, starts, idx in _blocks(units):
        results = analyzer.analyze(text=block, language="nl", score_threshold=MIN_SCORE)
        for r in resolve_overlaps([r for r in results if r.entity_type in reported]):
            pos = bisect.bisect_right(starts, r.start) - 1
            u_start = starts[pos]
            u_end = u_start + len(units[idx[pos]].text)
            if r.end > u_end:
                continue  # crosses into the next unit
            hits.append(Hit(idx[pos], r.start - u_start, r.end - u_start, r))
    return hits


def sentence_index(text: str, pos: int) -> int:
    return len(_SENTENCE_END.findall(text[:pos]))


def _weak_name(value: str) -> bool:
    """A lone capitalised word ('Gymles', 'Verslag') or an article and a word ('De Kompasroos', a school)
    is weak evidence of a person when only the NER says so."""
    words = value.split()
    return len(words) == 1 or (len(words) == 2 and words[0] in ("De", "Het", "Den", "Der", "'t"))


def to_finding(source: str, path: str, unit: TextUnit, start: int, end: int, etype: str, score: float,
               recognizer: str, meta: dict[str, object] | None = None) -> Finding | None:
    span = one_line(unit.text, start, end, etype, first=recognizer in NAME_AFTER_CUE_RECOGNIZERS)
    if span is None:
        return None
    start, end = _trim(unit.text, *span, etype)
    value = unit.text[start:end]
    if not value or (etype == "PERSON" and any(c.isdigit() for c in value)):
        return None
    meta = meta or {}
    if etype == "PERSON" and recognizer == "SpacyRecognizer" and _weak_name(value):
        score = min(score, WEAK_NAME_SCORE)
    return Finding(source=source, path=path, place=unit.place, entity_type=etype, score=round(score, 2),
                   evidence=mask(etype, value), recognizer=recognizer, value=value, start=start, end=end,
                   group=str(meta["group"]) if meta.get("group") else None,
                   sentence=sentence_index(unit.text, start), column=unit.column, record=unit.record)


def _key(keyer: Keyer, f: Finding) -> str | None:
    """The keyed value linking compares, by the type's key kind: a folded name, the digits of an
    identifier, an ISO birth date."""
    kind = catalogue().describe(f.entity_type).key
    if kind == "name":
        return keyer.name(f.value)
    if kind == "number":
        return keyer.digits(f.value)
    if kind == "birth":
        return keyer.date(f.value)
    return None


def _inside_own_names(findings: list[Finding], units: list[TextUnit], names: list[str]) -> list[Finding]:
    """Drop names and special-category words that are part of the organisation's or a school's name."""
    pattern = own_names_pattern(tuple(names))
    if pattern is None:
        return findings
    spans: dict[str, list[tuple[int, int]]] = {}
    for u in units:
        spans[u.place] = [m.span() for m in pattern.finditer(u.text)]
    def inside(f: Finding) -> bool:
        if f.entity_type == "PERSON":  # 'Nieuwsbrief De Wilg' is not a person either
            return any(s < f.end and f.start < e for s, e in spans.get(f.place, []))
        return any(s <= f.start and f.end <= e for s, e in spans.get(f.place, []))

    values = catalogue().of_kind("value")  # a number or an address is never part of a name
    return [f for f in findings if f.entity_type in values or not inside(f)]


_WORD = re.compile(r"\w+")


def _cut_name_cells(names: dict[int, list[Finding]], units: list[TextUnit]) -> set[int]:
    """A name column's cell holds one name: where the recognizers found only part of it ("Brink" of
    "ten Brink", "Berg" of "Jan van den Berg"), the whole cell is the name, so the partial spans give way
    to the column's own finding. Only a particle or a capitalised word (an initial) left out counts: in
    "Jan de Vries (vader)" the name was found whole. `names` are each unit's PERSON findings; the units
    returned are cut."""
    cut = set()
    for i, found in names.items():
        unit = units[i]
        if column_type(unit.column) != "PERSON" or not valid_for("PERSON", unit.text):
            continue
        left = [m.group() for m in _WORD.finditer(unit.text)
                if not any(f.start <= m.start() and m.end() <= f.end for f in found)]
        if left and all(w in PARTICLES or w[0].isupper() for w in left):
            cut.add(i)
    return cut


def detect(analyzer: AnalyzerEngine, source: str, path: str, units: list[TextUnit],
           own_addresses: list[str] | None = None, keyer: Keyer | None = None,
           own_names: list[str] | None = None, memo: CellMemo | None = None) -> list[Finding]:
    """All findings in an item's units: text recognizers first, then column types for table cells."""
    from presidio_analyzer import RecognizerResult

    findings: list[Finding] = []
    covered: dict[int, set[str]] = {}
    names: dict[int, list[Finding]] = {}  # each unit's PERSON findings
    for hit in analyze_units(analyzer, units, memo):
        r = hit.result
        meta = r.recognition_metadata
        f = to_finding(source, path, units[hit.unit], hit.start, hit.end, r.entity_type, r.score,
                       str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")), meta)
        if f is not None:
            findings.append(f)
            covered.setdefault(hit.unit, set()).add(r.entity_type)
            if r.entity_type == "PERSON":
                names.setdefault(hit.unit, []).append(f)
    cut = _cut_name_cells(names, units)
    if cut:
        dropped = {id(f) for i in cut for f in names[i]}
        findings = [f for f in findings if id(f) not in dropped]
        for i in cut:
            covered[i].discard("PERSON")
    for i, unit in enumerate(units):
        etype = column_type(unit.column)
        if etype and etype not in covered.get(i, set()) and valid_for(etype, unit.text):
            group = column_group(etype, unit.text)
            f = to_finding(source, path, unit, 0, len(unit.text), etype, 0.7, "ColumnClassifier",
                           {"group": group} if group else None)
            if f is not None:
                findings.append(f)
    if own_addresses:
        own = [fold(a) for a in own_addresses]
        contact = catalogue().contact_types  # the organisation's own address and numbers are no one's data
        findings = [f for f in findings
                    if not (f.entity_type in contact and any(fold(f.value) in o or o in fold(f.value) for o in own))]
    findings = _inside_own_names(findings, units, own_names or [])
    keyer = keyer or Keyer()
    for f in findings:
        f.key = _key(keyer, f)
    return findings
