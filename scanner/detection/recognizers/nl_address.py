"""Street + house number ('Merelstraat 34', 'Burgemeester de Withlaan 5a', 'Appelgaard 168b').

A Dutch street name almost always ends in one of a small set of words; that suffix plus a house
number is precise enough without a street gazetteer.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

SUFFIXES = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "hof", "pad", "steeg",
    "dreef", "park", "ring", "baan", "allee", "erf", "gaard", "veld", "markt", "wal", "haven",
    "oord", "hoek", "zoom", "tuin", "boulevard", "dam", "rade", "veste", "brink", "stede",
    "plantsoen", "hage", "akker", "kamp", "straatweg", "kwartier", "horst", "hout", "burg",
    "berg", "polder", "donk", "molen", "vaart", "sloot", "wetering", "heuvel", "meer", "ven",
)
# Presidio compiles with the `regex` module: \p{Lu}/\p{Ll} are Unicode letters; spaces only, never a line break.
_LEAD = r"(?:\p{Lu}[\p{Ll}'.-]+[ ](?:(?:van|de|der|den|het|'t|ter|ten|op|aan)[ ])*)"
_STREET = (rf"(?-i:{_LEAD}{{0,2}}\p{{Lu}}[\p{{Ll}}'-]*(?:{'|'.join(SUFFIXES)}))"
           r"[ ]+\d{1,5}(?:\s?(?-i:[a-z])(?![\w]))?(?:\s?-\s?\d{1,4}(?![\d]))?(?![\d,]\d)")


class NlAddressRecognizer(PatternRecognizer):
    COUNTRY_CODE = "nl"
    PATTERNS = [Pattern("NL street and number", _STREET, 0.6)]
    CONTEXT = ["adres", "wonen", "woonadres", "straat", "postcode", "woonplaats"]

    def __init__(self, supported_language: str = "nl", supported_entity: str = "ADDRESS",
                 context: list[str] | None = None, name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, supported_language=supported_language,
                         patterns=self.PATTERNS, context=context or self.CONTEXT,
                         name=name or "NlAddressRecognizer")
