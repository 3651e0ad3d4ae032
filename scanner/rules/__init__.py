"""The rule registry: one module per rule code (docs/rules.md fixes the codes and their meaning).

Whatever is said about a rule (title, action, explanation, legal reference, in Dutch and English) is
read from its class through this registry; nothing else keeps texts per rule code.
"""

from __future__ import annotations

from scanner.rules.base import Rule, RuleContext, Words
from scanner.rules.bsn_outside_administration import BsnOutsideAdministration
from scanner.rules.consent_invalid import ConsentInvalid
from scanner.rules.consent_missing import ConsentMissing
from scanner.rules.consent_out_of_scope import ConsentOutOfScope
from scanner.rules.consent_wrong_giver import ConsentWrongGiver
from scanner.rules.open_access import OpenAccess
from scanner.rules.retention_expired import RetentionExpired
from scanner.rules.unknown_subject import UnknownSubject

RULES: list[Rule] = [RetentionExpired(), ConsentMissing(), ConsentOutOfScope(), ConsentInvalid(),
                     ConsentWrongGiver(), OpenAccess(), BsnOutsideAdministration(), UnknownSubject()]
RULE_CODES = [r.code for r in RULES]
_BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    """The rule with this code; an unknown code is a bug (KeyError)."""
    return _BY_CODE[code]


def find_rule(code: str) -> Rule | None:
    """The rule with this code, or None for a code no rule of this version has (an old audit's)."""
    return _BY_CODE.get(code)


__all__ = ["RULES", "RULE_CODES", "Rule", "RuleContext", "Words", "find_rule", "rule"]
