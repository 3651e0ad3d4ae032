"""Dutch phone numbers through python-phonenumbers with region NL and Dutch context words.

Presidio's PhoneRecognizer defaults to regions without NL and then matches digit runs inside
IBANs; with region NL only, it does not.
"""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import PhoneRecognizer


class NlPhoneRecognizer(PhoneRecognizer):
    COUNTRY_CODE = "nl"
    CONTEXT = ["telefoon", "telefoonnummer", "tel", "mobiel", "bellen", "bel", "noodnummer", "bereikbaar"]

    def __init__(self, supported_language: str = "nl", context: list[str] | None = None,
                 name: str | None = None) -> None:
        super().__init__(context=context or self.CONTEXT, supported_language=supported_language,
                         supported_regions=("NL",), name=name or "NlPhoneRecognizer")
