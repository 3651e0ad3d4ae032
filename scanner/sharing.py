"""The day data was shared with a party, and where that day came from.

The consent rules judge a flow on that day, so a wrong date makes a wrong violation: a pupil's birth
date read as the sharing date turned "consent not covering health data" into "consent given after
the sharing date" (issue 13, class 3). So the label decides: only a date whose label or column says
sending, submission, referral, export or a report to a party counts, or the letter's own date line in
the letter head. Everything else falls back to what the item itself says about when it left: an
e-mail's Date header (that is the sending), a file's modification time, and for a database row the
scan's reference date (the rule applies it: a row has no day of its own). The vocabulary is data in
config/sharing_dates.yaml.

`share_date_source` is a short code; `describe` gives the Dutch words the report shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import yaml

from config import CONFIG_DIR
from scanner.kernel.dates import MONTHS, parse_date
from scanner.kernel.messages import say
from scanner.kernel.model import Content, Item, TextUnit
from scanner.kernel.text import fold

EARLIEST = date(2000, 1, 1)  # before this, a date in a school file is history, not a flow we judge
LABEL_WORDS = 6  # a label is the few words right before its date, within one clause

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_IN_TEXT = re.compile(
    rf"(?<![\d/.-])(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{_MONTH})\.?\s+\d{{4}})"
    r"(?![\d/-])", re.IGNORECASE)
# a clause ends at a sentence end (not after an abbreviation of up to 3 letters: 'geb.', 'd.d.', 't.a.v.'),
# a '|', a tab, a wide gap or a bracket
CLAUSE_END = re.compile(r"(?<!\b\w)(?<!\b\w\w)(?<!\b\w\w\w)\.(?:\s+|$)|[;!?|](?:\s+|$)|\n|\t| {3,}|[()\[\]]")
WEEKDAY = re.compile(r"\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?$")
PLACE = re.compile(r"^[A-Z][\w'’-]*(?:[ -][\w'’-]+){0,3},$")  # "Almere," / "Den Haag," / "Bergen op Zoom,"

SOURCE_TEXT = {  # (Dutch, English)
    "document": ("verzenddatum in het document", "sending date in the document"),
    "letter": ("datum van de brief", "date of the letter"),
    "e-mail": ("datum van de e-mail", "date of the e-mail"),
    "mtime": ("wijzigingsdatum van het bestand", "modification time of the file"),
    "reference": ("peildatum van de scan: geen verzenddatum in de rij", "reference date of the scan: no sending "
                  "date in the row"),
    "log": ("verstrekkingenlog", "disclosure log"),
}
COLUMN = "column:"
FALLBACKS = ("mtime", "reference")  # no label said so: taken whatever the day


def normalise(label: str) -> str:
    """Lower case without accents, camelCase, '_', '-', '.', '/' and ':' as spaces: one form for
    'Geb.datum', 'geb_datum', 'gebDatum' and 'Geb. datum'."""
    return re.sub(r"[^a-z0-9]+", " ", fold(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label))).strip()


def _pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """Whole words, or a word start for a term ending in '*'."""
    parts = []
    for term in terms:
        prefix = term.endswith("*")
        words = normalise(term.rstrip("*"))
        parts.append(rf"\b{re.escape(words)}" + ("" if prefix else r"\b"))
    return re.compile("|".join(parts) or r"(?!)")


@dataclass(frozen=True)
class Vocabulary:
    qualifying: re.Pattern[str]
    never: re.Pattern[str]
    salutation: re.Pattern[str]
    pupil_section: re.Pattern[str]
    header_units: int

    def says_sharing(self, label: str) -> bool:
        """The label names the flow itself (sent, submitted, referred, exported, reported) and nothing
        that makes the date about something else (birth, intake, meeting, school year, validity)."""
        norm = normalise(label)
        return bool(self.qualifying.search(norm)) and not self.never.search(norm)


@cache
def vocabulary() -> Vocabulary:
    with open(CONFIG_DIR / "sharing_dates.yaml", encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return Vocabulary(qualifying=_pattern(data["qualifying"]), never=_pattern(data["never"]),
                      salutation=_pattern(data["salutations"]), pupil_section=_pattern(data["pupil_section"]),
                      header_units=int(data["header_units"]))


def sharing_columns(columns: Iterable[str]) -> tuple[str, ...]:
    """The columns whose name says the row was sent/exported/submitted, in table order."""
    return _sharing_columns(tuple(columns))


@cache
def _sharing_columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    """Cached per schema: a table's rows all ask the same question."""
    voc = vocabulary()
    return tuple(c for c in columns if voc.says_sharing(c))


def plausible(day: date | None, as_of: date) -> bool:
    """A sharing date lies between 2000 and the reference date: later is a typo or a plan, earlier a
    copied history, and either would judge the flow on a day it did not happen."""
    return day is not None and EARLIEST <= day <= as_of


def _label(text: str, start: int) -> str:
    """The words right before a date, within its clause, without a trailing ':' or weekday."""
    before = text[:start].rstrip(" \t:")
    before = WEEKDAY.sub("", before).rstrip(" \t:")
    cut = 0
    for m in CLAUSE_END.finditer(before):
        cut = m.end()
    clause = before[cut:]
    return " ".join(clause.split()[-LABEL_WORDS:])


def _label_line(text: str) -> str:
    """A line that may be the label of the next line's date: a few words, no date of its own."""
    if len(text) > 80:
        return ""
    words = text.strip().rstrip(":").split()
    return " ".join(words) if 0 < len(words) <= LABEL_WORDS and not DATE_IN_TEXT.search(text) else ""


def _opens_pupil_section(unit: TextUnit, voc: Vocabulary) -> bool:
    """'Gegevens leerling', 'Naam:', 'Leerling: …', 'Geboortedatum: …' and the like: from here on a
    plain 'Datum:' belongs to the pupil, not to the letter."""
    head = unit.text.split(":", 1)[0] if ":" in unit.text else unit.text
    words = normalise(head).split()
    if not words or len(words) > 4:
        return False
    if ":" not in unit.text and re.search(r"\d", unit.text):
        return False
    return bool(voc.pupil_section.match(" ".join(words)) or voc.never.search(" ".join(words)))


CELL_PLACE = re.compile(r"(?:^|!)[A-Z]{1,3}\d+$|\bkolom \d+$")  # 'Blad1!C2', 'C2', 'tabel 1 rij 2 kolom 3'


def _is_cell(unit: TextUnit) -> bool:
    """A table or sheet cell: a lone date there is a value in a column (often a birth date), never
    the letter's own date line."""
    return bool(unit.column) or bool(CELL_PLACE.search(unit.place))


def _letter_date(text: str, m: re.Match[str], label: str) -> bool:
    """A line that ends in the letter's date: '12 maart 2026', 'Datum: 12-03-2026', 'Almere, 12 maart 2026'."""
    if text[m.end():].strip(" ."):
        return False
    norm = normalise(label)
    if norm in ("", "datum", "date") or PLACE.match(label):
        return True
    # 'Ons kenmerk: 2026/031  Datum: 12 maart 2026': a reference line whose last label is Datum
    return norm.split()[-1] in ("datum", "date") and ":" in label


def stated_dates(content: Content) -> list[tuple[date, str]]:
    """Every date that is a labelled sharing date or the letter's own date line in the letter head,
    with its source code ('document' or 'letter'), latest first: a document leaves after everything
    it reports, so a hand-over that mentions "aangemeld bij Accare op 03-02-2025" and was sent a year
    later must not be judged on the old referral."""
    voc = vocabulary()
    header = True
    previous = ""
    found: list[tuple[date, str]] = []
    for n, unit in enumerate(content.units):
        if header and (n >= voc.header_units or voc.salutation.match(normalise(unit.text))
                       or _opens_pupil_section(unit, voc)):
            header = False
        for m in DATE_IN_TEXT.finditer(unit.text):
            day = parse_date(m.group(0))
            if day is None or day < EARLIEST:
                continue
            own = _label(unit.text, m.start())
            # else the label in its own cell or on the line before ('Verzonden op:' / '12-03-2026')
            label = own or unit.column or previous
            if label and voc.says_sharing(label):
                found.append((day, "document"))
            elif header and not _is_cell(unit) and not voc.never.search(normalise(label)) \
                    and _letter_date(unit.text, m, own):
                found.append((day, "letter"))
        previous = _label_line(unit.text)
    return sorted(found, key=lambda d: d[0], reverse=True)


def share_dates(item: Item, content: Content) -> list[tuple[date | None, str]]:
    """The days an item may have been shared on, in the order they count (`pick` takes the first
    that is not after the reference date). Independent of the reference date, so the item cache can
    keep them: a rescan with another --as-of chooses again. An e-mail's (or its attachment's) Date
    header wins over the words in it: it is when this copy left, while a 'Verzonden:' in the body is
    usually a quoted earlier message. A row without a sharing column ends in (None, 'reference'): the
    rule uses the scan's reference date."""
    if item.kind == "row":
        return [*row_sharing_date(content), (None, "reference")]
    sent = content.metadata.get("date")
    options = [(sent, "e-mail")] if isinstance(sent, date) and sent >= EARLIEST else []
    options += stated_dates(content)
    if item.modified:
        options.append((item.modified.date(), "mtime"))
    return options


def row_sharing_date(content: Content) -> list[tuple[date | None, str]]:
    """The first filled column, in table order, whose name SAYS the row was sent or exported (never
    'geb_datum'); the connector gives every cell with its column, the words decide here."""
    columns = [u.column for u in content.units if u.column]
    sharing = set(sharing_columns(columns))
    for unit in content.units:
        if unit.column in sharing:
            day = parse_date(unit.text) or parse_date(unit.text.split(" ", 1)[0])  # '12-03-2026 14:30'
            if day is not None:
                return [(day, f"{COLUMN}{unit.column}")] if day >= EARLIEST else []
    return []


def pick(options: list[tuple[date | None, str]], as_of: date) -> tuple[date | None, str | None]:
    """The first option on or before the reference date; the file's modification time and the
    reference date itself are the last resort and always taken."""
    for day, source in options:
        if source in FALLBACKS or plausible(day, as_of):
            return day, source
    return None, None


def share_date(item: Item, content: Content, as_of: date | None = None) -> tuple[date | None, str | None]:
    """(day, source code) for one reference date (default today)."""
    return pick(share_dates(item, content), as_of or date.today())


def describe(source: str | None) -> str:
    """The words for a source code, as the report shows them after the date (Dutch, or English with --lang en)."""
    if source and source.startswith(COLUMN):
        return say("kolom", "column") + f" {source[len(COLUMN):]}"
    if source in SOURCE_TEXT:
        return say(*SOURCE_TEXT[source])
    return source or say("onbekende bron", "unknown source")


def shared_on(day: date | None, source: str | None) -> str:
    """'gedeeld op 12-03-2026 (verzenddatum in het document)'."""
    if day is None:
        return say("deeldatum onbekend", "date of sharing unknown")
    return say("gedeeld op", "shared on") + f" {day:%d-%m-%Y} ({describe(source)})"
