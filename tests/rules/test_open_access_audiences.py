"""open-access reads who may read an item as audiences, and which audiences are 'open' from the policy
(`open_access.audiences`): the wording of the report stays what it was for shares and folders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scanner.config import build_config
from scanner.kernel.model import Access, Finding, Item, ScannedItem, Subject
from scanner.rules import RuleContext, rule


def _ctx(policy: dict[str, object] | None = None) -> RuleContext:
    raw = {"sources": [{"name": "share", "type": "filesystem", "path": "."}], "policy": policy or {}}
    return RuleContext(policy=build_config(raw, "test", Path(".")).policy, as_of=date(2026, 11, 29), register=None,
                       consents=None)


def _scanned(access: Access) -> ScannedItem:
    finding = Finding(source="share", path="lijst.docx", place="p", entity_type="PHONE_NUMBER", score=1.0,
                      evidence="x", recognizer="test", value="x")
    return ScannedItem(item=Item(source="share", path="lijst.docx", kind="file", role="dossier", access=access),
                       findings=[finding], subjects=[Subject("600", "name", 0.9)])


def _messages(access: Access, policy: dict[str, object] | None = None) -> list[str]:
    return [v.message for v in rule("open-access").check(_scanned(access), _ctx(policy))]


def test_the_default_policy_opens_everyone_organisation_and_anyone_with_the_link() -> None:
    assert _ctx().policy.open_access.audiences == ["everyone", "organisation", "anonymous_link"]


def test_wording_of_mode_bits_and_readers_is_kept() -> None:
    world = Access(mode=0o644, world_readable=True, audiences={"everyone": ["Everyone"]})
    assert _messages(world) == ["Persoonsgegevens (1 leerling(en)); het item bestand is voor iedereen leesbaar "
                                "(rechten 644)."]
    domain = Access(mode=0o640, acl=["juf", "Authenticated Users", "Domain Users"],
                    audiences={"organisation": ["Authenticated Users", "Domain Users"]})
    assert _messages(domain) == ["Persoonsgegevens (1 leerling(en)); het item leesrecht voor Authenticated Users, "
                                 "Domain Users."]


def test_an_audience_the_policy_does_not_call_open_is_no_violation() -> None:
    domain = Access(mode=0o640, acl=["juf", "Domain Users"], audiences={"organisation": ["Domain Users"]})
    assert _messages(domain, {"open_access": {"audiences": ["everyone"]}}) == []
    guest = Access(acl=["gast@jeugdzorg.nl"], audiences={"external": ["gast@jeugdzorg.nl"]}, external=["jeugdzorg.nl"])
    assert _messages(guest) == []
    assert _messages(guest, {"open_access": {"audiences": ["external"]}}) == [
        "Persoonsgegevens (1 leerling(en)); het item leesrecht voor gast@jeugdzorg.nl."]


def test_a_link_for_anyone_is_open() -> None:
    link = Access(audiences={"anonymous_link": ["iedereen met de link"]})
    assert _messages(link) == ["Persoonsgegevens (1 leerling(en)); het item leesrecht voor iedereen met de link."]


def test_an_unknown_audience_in_the_policy_names_the_key() -> None:
    import pytest

    from scanner.config import ConfigError

    with pytest.raises(ConfigError, match=r"policy\.open_access\.audiences\[0\]: moet een van deze zijn"):
        _ctx({"open_access": {"audiences": ["iedereen"]}})
