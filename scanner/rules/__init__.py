"""The rule registry: one module per rule code (docs/rules.md fixes the codes and their meaning)."""

from __future__ import annotations

from scanner.rules.base import Rule, RuleContext
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


def rule(code: str) -> Rule:
    return next(r for r in RULES if r.code == code)


__all__ = ["RULES", "RULE_CODES", "Rule", "RuleContext", "rule"]
