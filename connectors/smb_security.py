"""Windows security descriptors (from SMB) as the principals that may read a file.

Open access on a Windows file server is granted to groups, not to 'other': Everyone (S-1-1-0),
Authenticated Users (S-1-5-11) and Domain Users (a domain SID ending in RID 513). We evaluate the
DACL in order, as Windows does for the read right: a deny ACE for a SID before its allow ACE wins;
inherit-only ACEs do not apply to the file itself; a missing DACL means everyone has full access.
Principal names are the English well-known names shown in the reports; `access_of` maps them to the
audiences every source uses (scanner/kernel/model.py AUDIENCES), which the open-access rule reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from smbprotocol.security_descriptor import AceType, SMB2CreateSDBuffer

from scanner.kernel.model import Access

FILE_READ_DATA = 0x00000001
GENERIC_ALL = 0x10000000
GENERIC_READ = 0x80000000
READ_BITS = FILE_READ_DATA | GENERIC_ALL | GENERIC_READ
INHERIT_ONLY_ACE = 0x08

WELL_KNOWN = {
    "S-1-1-0": "Everyone",
    "S-1-5-11": "Authenticated Users",
    "S-1-5-32-545": "Users",
    "S-1-5-32-544": "Administrators",
    "S-1-5-18": "SYSTEM",
    "S-1-3-0": "Creator Owner",
    "S-1-5-7": "Anonymous",
    "S-1-5-4": "Interactive",
    "S-1-5-2": "Network",
}
DOMAIN_RIDS = {513: "Domain Users", 512: "Domain Admins", 515: "Domain Computers", 514: "Domain Guests"}
# Readers that open a file beyond the people who need it: anyone, or every account of the school board.
AUDIENCE_OF = {"Everyone": "everyone", "Authenticated Users": "organisation", "Domain Users": "organisation"}


def sid_name(sid: str) -> str:
    """A readable name for a SID; unknown SIDs stay SIDs (no directory lookup is needed for the rules)."""
    if sid in WELL_KNOWN:
        return WELL_KNOWN[sid]
    parts = sid.split("-")
    if sid.startswith("S-1-5-21-") and len(parts) == 8 and int(parts[-1]) in DOMAIN_RIDS:
        return DOMAIN_RIDS[int(parts[-1])]
    if sid.startswith("S-1-22-1-"):
        return f"Unix User\\{parts[-1]}"
    if sid.startswith("S-1-22-2-"):
        return f"Unix Group\\{parts[-1]}"
    return sid


@dataclass
class Security:
    owner: str | None = None
    group: str | None = None
    readers: list[str] = field(default_factory=list)


def _ace_parts(ace: object) -> tuple[int, int, int, str] | None:
    if isinstance(ace, bytes):  # object and callback ACEs smbprotocol leaves unparsed
        return None
    return (int(ace["ace_type"].get_value()), int(ace["ace_flags"].get_value()),  # type: ignore[index]
            int(ace["mask"].get_value()), str(ace["sid"].get_value()))  # type: ignore[index]


def parse_security_descriptor(raw: bytes) -> Security:
    sd = SMB2CreateSDBuffer()
    sd.unpack(raw)
    owner, group = sd.get_owner(), sd.get_group()
    security = Security(owner=sid_name(str(owner)) if owner else None,
                        group=sid_name(str(group)) if group else None)
    dacl = sd.get_dacl()
    if dacl is None:  # no DACL at all: no restrictions
        security.readers = ["Everyone"]
        return security
    denied: set[str] = set()
    for ace in dacl["aces"].get_value():
        parts = _ace_parts(ace)
        if parts is None:
            continue
        ace_type, flags, mask, sid = parts
        if flags & INHERIT_ONLY_ACE or not mask & READ_BITS:
            continue
        if ace_type == AceType.ACCESS_DENIED_ACE_TYPE:
            denied.add(sid)
        elif ace_type == AceType.ACCESS_ALLOWED_ACE_TYPE and sid not in denied:
            name = sid_name(sid)
            if name not in security.readers:
                security.readers.append(name)
    return security


def access_of(security: Security) -> Access:
    """The Access of a descriptor: its readers, and the audiences they amount to (Everyone: everyone,
    also as the file's own 'world readable' permission; Authenticated/Domain Users: the organisation)."""
    access = Access(owner=security.owner, group=security.group, acl=list(security.readers),
                    world_readable="Everyone" in security.readers)
    for reader in security.readers:
        audience = AUDIENCE_OF.get(reader)
        if audience:
            access.grant(audience, reader)
    return access
