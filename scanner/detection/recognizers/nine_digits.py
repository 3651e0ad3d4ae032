"""The 9-digit shapes shared by BSN and onderwijsnummer: plain, 4.2.3 and 3.3.3 groupings.

The lookarounds keep a number glued to other digits (an IBAN, a phone number, an invoice
number) from matching, but accept a sentence-final full stop.
"""

from presidio_analyzer import Pattern

NINE_DIGIT_PATTERNS = [
    Pattern("9 digits", r"(?<![\d.-])(?<!\d[.-])\d{9}(?!\d)(?![.-]\d)", 0.3),
    Pattern("9 digits 4.2.3", r"(?<![\d.-])\d{4}[. ]\d{2}[. ]\d{3}(?!\d)(?![.-]\d)", 0.3),
    Pattern("9 digits 3.3.3", r"(?<![\d.-])\d{3}[. -]\d{3}[. -]\d{3}(?!\d)(?![.-]\d)", 0.3),
]


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
