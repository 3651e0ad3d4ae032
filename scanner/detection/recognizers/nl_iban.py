"""IBAN (mod-97 checked by Presidio) with Dutch context words."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import IbanRecognizer


class NlIbanRecognizer(IbanRecognizer):
    CONTEXT = ["iban", "rekeningnummer", "bankrekening", "rekening", "machtiging"]

    def __init__(self, supported_language: str = "nl", context: list[str] | None = None,
                 name: str | None = None) -> None:
        super().__init__(supported_language=supported_language, context=context or self.CONTEXT,
                         name=name or "NlIbanRecognizer")
