"""Dutch and ISO date parsing for record files and documents."""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_NUMERIC = re.compile(r"^\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})\s*$")
_WRITTEN = re.compile(r"^\s*(\d{1,2})\s+([a-zA-Z]+)\.?\s+(\d{4})\s*$")


def parse_date(value: object) -> date | None:
    """Parse dd-mm-yyyy, d/m/yyyy, yyyy-mm-dd, '3 maart 2015' and typed dates; None if not a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text or text.lower() in ("nan", "nat", "none"):
        return None
    text = text.split("T")[0].split(" 00:00")[0]
    m = _NUMERIC.match(text)
    try:
        if m:
            a, b, c = m.groups()
            if len(a) == 4:
                return date(int(a), int(b), int(c))
            if len(c) == 4:
                return date(int(c), int(b), int(a))
            return None
        m = _WRITTEN.match(text)
        if m and m.group(2).lower() in MONTHS:
            return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None
    return None


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def add_years(day: date, years: float) -> date:
    """`day` plus whole (or fractional, by months) years; 29 February falls back to the 28th."""
    whole = int(years)
    months = round((years - whole) * 12)
    y, m = day.year + whole + (day.month - 1 + months) // 12, (day.month - 1 + months) % 12 + 1
    try:
        return day.replace(year=y, month=m)
    except ValueError:
        return day.replace(year=y, month=m, day=28)
