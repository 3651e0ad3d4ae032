"""What a rule says about itself comes from its class and from the policy it applies: a school that
keeps data longer, or asks consent at other ages, reads its own values in `avgscan rules`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.config import build_policy
from scanner.kernel.messages import set_language
from scanner.rules import RULES, rule


@pytest.fixture()
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("nl")


def test_every_rule_speaks_both_languages() -> None:
    policy = build_policy()
    for r in RULES:
        for words in (r.title, r.action, r.explanation):
            assert words.nl and words.en and words.nl != words.en, r.code
        assert r.legal_reference and r.severity in ("hoog", "middel", "laag")
        assert "{" not in r.explain(policy), r.code  # every placeholder is filled from the policy


def test_retention_text_follows_the_policy() -> None:
    explain = rule("retention-expired").explain
    assert "standaard 3 jaar; rol administration 5 jaar" in explain(build_policy())
    text = explain(build_policy({"retention": {"default_years": 2, "roles": {"administration": 7, "care": 4},
                                               "tables": {"verzuim": 5}}}))
    assert "standaard 2 jaar; rol administration 7 jaar; rol care 4 jaar; tabel verzuim 5 jaar" in text
    assert "3 jaar" not in text


def test_giver_text_follows_the_policy(english: None) -> None:
    explain = rule("consent-wrong-giver").explain
    assert "under 12 'ouder', 12 to 15 'ouder+leerling', 16 and older 'leerling'" in explain(build_policy())
    text = explain(build_policy({"consent": {"givers": [{"below_age": 13, "giver": "ouders"},
                                                        {"giver": "de leerling zelf"}]}}))
    assert text.endswith("under 13 'ouder', 13 and older 'leerling'.")


def test_role_and_party_texts_follow_the_policy() -> None:
    policy = build_policy({"roles": {"archive": ["bsn_allowed"], "general": ["open_to_everyone"]},
                           "exempt_parties": {"GGD": "Wet publieke gezondheid"}})
    assert "rol administration, archive" in rule("bsn-outside-administration").explain(policy)
    assert "(rol open, general)" in rule("open-access").explain(policy)
    assert "lezen door iedereen, de hele organisatie, iedereen met de link" in rule("open-access").explain(policy)
    only_everyone = build_policy({"open_access": {"audiences": ["everyone"]}})
    assert "laten lezen door iedereen (ongeacht" in rule("open-access").explain(only_everyone)
    assert "Leerplicht, Veilig Thuis, DUO, GGD" in rule("consent-missing").explain(policy)


def test_avgscan_rules_shows_the_schools_policy(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from scanner.cli import main

    cfg = tmp_path / "avgscan.yaml"
    cfg.write_text("sources:\n  - {name: s, type: filesystem, path: share}\n"
                   "policy: {retention: {default_years: 4}}\n", encoding="utf-8")
    assert main(["rules", "--config", str(cfg)]) == 0
    assert "standaard 4 jaar" in capsys.readouterr().out
    assert main(["rules"]) == 0
    assert "standaard 3 jaar" in capsys.readouterr().out
    cfg.write_text("sources:\n  - {name: s, type: filesystem, path: share, roles: {A: opn}}\n", encoding="utf-8")
    assert main(["rules", "--config", str(cfg)]) == 2
    assert "rol 'opn'" in capsys.readouterr().err
