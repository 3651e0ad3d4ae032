"""E-mail addresses, validated offline: tldextract must never try to fetch the suffix list.

A functional mailbox ('info@', 'zorgteam.dewilg@') belongs to an organisation or a team, not to a
person: it is no finding, so a newsletter in an open folder with the school's info address is no
open-access violation (config/lexicons/role_mailboxes.txt).
"""

from __future__ import annotations

import re
from functools import lru_cache

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from config import lexicon_words

_OFFLINE = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=1)
def role_mailboxes() -> re.Pattern[str]:
    words = sorted(lexicon_words("role_mailboxes.txt"))
    long = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if len(w) > 3)
    short = "|".join(re.escape(w) for w in words if len(w) <= 3)  # 'mr@', but 'mr.jansen@' is a person
    return re.compile(rf"^(?:(?:{long})(?:[._-]|$)|(?:{short})$)")


class NlEmailRecognizer(EmailRecognizer):
    CONTEXT = ["email", "e-mail", "mail", "mailadres", "emailadres"]

    def __init__(self, supported_language: str = "nl", context: list[str] | None = None,
                 name: str | None = None) -> None:
        super().__init__(supported_language=supported_language, context=context or self.CONTEXT,
                         name=name or "NlEmailRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return bool(_OFFLINE(pattern_text.rsplit("@", 1)[-1]).suffix)

    def invalidate_result(self, pattern_text: str) -> bool:
        return bool(role_mailboxes().match(pattern_text.rsplit("@", 1)[0].lower()))
