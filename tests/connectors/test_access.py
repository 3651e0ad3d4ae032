"""Connectors say who can read an item in one vocabulary (scanner/kernel/model.py AUDIENCES); the
open-access rule reads only that, so a new source maps its own principals and the rule stays as it is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from smbprotocol.security_descriptor import AccessAllowedAce, AclPacket, SIDPacket, SMB2CreateSDBuffer

from connectors.filesystem import access_of as posix_access
from connectors.posix_acl import grant_audiences
from connectors.smb_security import access_of as smb_access
from connectors.smb_security import parse_security_descriptor
from scanner.kernel.model import AUDIENCES, Access


def test_posix_world_bits_are_everyone(tmp_path: Path) -> None:
    open_file, closed = tmp_path / "open.txt", tmp_path / "dicht.txt"
    for path, mode in ((open_file, 0o644), (closed, 0o600)):
        path.write_text("x", encoding="utf-8")
        path.chmod(mode)
    assert posix_access(os.stat(open_file), open_file).audiences == {"everyone": ["Everyone"]}
    assert posix_access(os.stat(closed), closed).audiences == {}


def test_posix_acl_groups_are_everyone_or_the_organisation() -> None:
    access = Access(acl=["juf", "staf", "Domain Users", "Authenticated Users"])
    grant_audiences(access)
    assert access.audiences == {"organisation": ["Domain Users", "Authenticated Users"]}
    everyone = Access(acl=["juf", "Everyone"])
    grant_audiences(everyone)
    assert everyone.audiences == {"everyone": ["Everyone"]}


def _descriptor(*sids: str) -> bytes:
    acl = AclPacket()
    aces = []
    for sid_text in sids:
        ace = AccessAllowedAce()
        sid = SIDPacket()
        sid.from_string(sid_text)
        ace["sid"], ace["mask"], ace["ace_flags"] = sid, 0x120089, 0
        aces.append(ace)
    acl["aces"] = aces
    sd = SMB2CreateSDBuffer()
    sd.set_dacl(acl)
    return sd.pack()


@pytest.mark.parametrize(("sids", "audiences", "world"), [
    (("S-1-1-0",), {"everyone": ["Everyone"]}, True),
    (("S-1-5-11", "S-1-5-21-1-2-3-513"), {"organisation": ["Authenticated Users", "Domain Users"]}, False),
    (("S-1-5-21-1-2-3-1104", "S-1-5-32-544"), {}, False),  # one user and the administrators: nobody else
])
def test_smb_sids_map_to_audiences(sids: tuple[str, ...], audiences: dict[str, list[str]], world: bool) -> None:
    access = smb_access(parse_security_descriptor(_descriptor(*sids)))
    assert access.audiences == audiences and access.world_readable is world


def test_only_known_audiences_can_be_granted() -> None:
    access = Access()
    for audience in AUDIENCES:
        access.grant(audience, "x")
    with pytest.raises(ValueError, match="unknown audience"):
        access.grant("iedereen", "x")
