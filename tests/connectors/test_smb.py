"""The SMB source against a real Samba server: shares, security descriptors, credentials."""

from __future__ import annotations

import secrets
import shutil
import subprocess

import pytest
from smbprotocol.security_descriptor import AccessAllowedAce, AccessDeniedAce, AclPacket, SIDPacket, SMB2CreateSDBuffer

import connectors.credentials as credentials
from connectors.smb import SmbSource, parse_url, smb_credentials
from connectors.smb_security import parse_security_descriptor
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Item
from tests.connectors import samples
from tests.connectors.conftest import Samba, place_file, source_config

OPEN_PRINCIPALS = {"Everyone", "Authenticated Users", "Domain Users"}


def smb_source(url: str) -> SmbSource:
    return SmbSource(source_config(name="share", type="smb", url=url))


def scan(source: SmbSource) -> dict[str, Item]:
    items = {}
    for item in source.crawl():
        if item.status == "scanned":
            item.content = source.read(item)  # type: ignore[attr-defined]
        items[item.path] = item
    source.close()
    return items


def test_open_share_and_staff_share(smb_env: Samba) -> None:
    folder = f"t-{secrets.token_hex(3)}"
    place_file(smb_env.open, f"{folder}/Iedereen/rapport.docx", samples.docx_bytes(), mode=0o644)
    verslag_bytes = samples.docx_bytes()  # generated with a timestamp inside: keep the very bytes placed
    place_file(smb_env.staff, f"{folder}/Dossiers/verslag.docx", verslag_bytes, mode=0o600)
    place_file(smb_env.staff, f"{folder}/Dossiers/~$verslag.docx", b"lock", mode=0o600)
    place_file(smb_env.staff, f"{folder}/post.zip", samples.zip_bytes({"a/notitie.txt": samples.txt_bytes()}))

    open_items = scan(smb_source(f"{smb_env.url('open')}/{folder}"))
    rapport = open_items["Iedereen/rapport.docx"]
    assert "Everyone" in rapport.access.acl and rapport.access.world_readable
    assert any(u.place == "opmerking 1" for u in rapport.content.units)  # type: ignore[attr-defined]

    staff_items = scan(smb_source(f"{smb_env.url('staff')}/{folder}"))
    verslag = staff_items["Dossiers/verslag.docx"]
    assert verslag.status == "scanned" and not OPEN_PRINCIPALS & set(verslag.access.acl)
    assert verslag.access.owner and verslag.size == len(verslag_bytes) and verslag.modified
    assert staff_items["Dossiers/~$verslag.docx"].status == "skipped"
    member = staff_items["post.zip!/a/notitie.txt"]
    assert member.status == "scanned" and member.content.units  # type: ignore[attr-defined]


@pytest.mark.skipif(shutil.which("net") is None or shutil.which("setfacl") is None,
                    reason="Samba's net tool or setfacl is not installed")
def test_domain_users_read_access_counts_as_open(smb_env: Samba) -> None:
    subprocess.run(["net", "-s", str(smb_env.conf), "groupmap", "add", "ntgroup=Domain Users", "unixgroup=users",
                    "rid=513", "type=domain"], capture_output=True, check=False)
    folder = f"t-{secrets.token_hex(3)}"
    path = place_file(smb_env.staff, f"{folder}/lijst.txt", b"Sanne de Vries", mode=0o600)
    subprocess.run(["setfacl", "-m", "g:users:r", str(path)], check=True)
    item = scan(smb_source(f"{smb_env.url('staff')}/{folder}"))["lijst.txt"]
    assert "Domain Users" in item.access.acl


def test_wrong_password_is_reported(smb_env: Samba, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AVGSCAN_SMB_PASSWORD", "fout")
    with pytest.raises(Unreadable, match="aanmelden mislukt|niet bereikbaar"):
        list(smb_source(smb_env.url("staff")).crawl())


def test_password_in_config_is_refused() -> None:
    with pytest.raises(Unreadable, match="wachtwoord hoort niet in het configuratiebestand"):
        parse_url("smb://jan:geheim@server/share")
    assert parse_url("smb://jan@server:4450/Data/Zorg%20team") == ("server", 4450, "Data", "Zorg team", "jan")


def test_credentials_from_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AVGSCAN_SMB_PASSWORD", raising=False)
    monkeypatch.delenv("AVGSCAN_SMB_USER", raising=False)
    monkeypatch.setenv("AVGSCAN_SMB_DOMAIN", "SCHOOL")
    asked = []
    monkeypatch.setattr(credentials, "keyring_password",
                        lambda service, user: asked.append((service, user)) or "uit-de-sleutelbos")
    assert smb_credentials("fs01", "jan") == ("SCHOOL\\jan", "uit-de-sleutelbos")
    assert asked == [("avgscan:smb:fs01", "SCHOOL\\jan")]


def _sd(aces: list[tuple[str, str, int, int]]) -> bytes:
    acl = AclPacket()
    built = []
    for kind, sid_text, mask, flags in aces:
        ace = AccessAllowedAce() if kind == "allow" else AccessDeniedAce()
        sid = SIDPacket()
        sid.from_string(sid_text)
        ace["sid"] = sid
        ace["mask"] = mask
        ace["ace_flags"] = flags
        built.append(ace)
    acl["aces"] = built
    sd = SMB2CreateSDBuffer()
    owner = SIDPacket()
    owner.from_string("S-1-5-21-1-2-3-1104")
    sd.set_owner(owner)
    sd.set_dacl(acl)
    return sd.pack()


def test_security_descriptor_rules() -> None:
    domain = "S-1-5-21-1111-2222-3333"
    sec = parse_security_descriptor(_sd([
        ("deny", "S-1-1-0", 0x1, 0),  # Everyone explicitly denied ...
        ("allow", "S-1-1-0", 0x120089, 0),  # ... so this allow does not count
        ("allow", "S-1-5-11", 0x80000000, 0),  # GENERIC_READ for Authenticated Users
        ("allow", f"{domain}-513", 0x1F01FF, 0),  # full control for Domain Users
        ("allow", "S-1-5-32-545", 0x120089, 0x08),  # inherit-only: not for this file
        ("allow", f"{domain}-1105", 0x100000, 0),  # SYNCHRONIZE only: no read
    ]))
    assert sec.readers == ["Authenticated Users", "Domain Users"]
    assert sec.owner == "S-1-5-21-1-2-3-1104"
    no_dacl = SMB2CreateSDBuffer()
    assert parse_security_descriptor(no_dacl.pack()).readers == ["Everyone"]
