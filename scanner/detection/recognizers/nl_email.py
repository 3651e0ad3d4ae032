"""E-mail addresses, validated offline: tldextract must never try to fetch the suffix list."""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

_OFFLINE = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class NlEmailRecognizer(EmailRecognizer):
    CONTEXT = ["email", "e-mail", "mail", "mailadres", "emailadres"]

    def __init__(self, supported_language: str = "nl", context: list[str] | None = None,
                 name: str | None = None) -> None:
        super().__init__(supported_language=supported_language, context=context or self.CONTEXT,
                         name=name or "NlEmailRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return bool(_OFFLINE(pattern_text.rsplit("@", 1)[-1]).suffix)
