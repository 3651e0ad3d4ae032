"""POSIX ACLs (the `system.posix_acl_access` extended attribute) as the principals that may read a file.

The open-access rule needs the file's *own* permissions. Mode bits tell only owner/group/other; an
ACL can add named users and groups (on a Samba or winbind server a group such as
`DOMAIN\\domain users`). We read the binary xattr directly so no `getfacl` binary is needed.
"""

from __future__ import annotations

import errno
import grp
import os
import pwd
import struct

from scanner.kernel.model import Access

ACL_VERSION = 2
USER_OBJ, USER, GROUP_OBJ, GROUP, MASK, OTHER = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
READ = 0x4
EVERYONE = "Everyone"
# Group names (after any 'DOMAIN\' prefix) that mean everybody, or everybody in the organisation (a
# Samba/winbind server maps the Windows groups to Unix groups), by the names the reports show.
OPEN_GROUPS = {"everyone": "Everyone", "iedereen": "Everyone", "authenticated users": "Authenticated Users",
               "geverifieerde gebruikers": "Authenticated Users", "domain users": "Domain Users",
               "domeingebruikers": "Domain Users"}
# What those readers amount to in the audiences every source uses (scanner/kernel/model.py AUDIENCES).
AUDIENCE_OF = {"Everyone": "everyone", "Authenticated Users": "organisation", "Domain Users": "organisation"}


def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _group(gid: int) -> str:
    try:
        name = grp.getgrgid(gid).gr_name
    except KeyError:
        return f"gid {gid}"
    short = name.rsplit("\\", 1)[-1].lower()
    return OPEN_GROUPS.get(short, name)


def parse_acl(raw: bytes, owner: str | None = None, group: str | None = None) -> list[str]:
    """Principals with effective read access from a `system.posix_acl_access` value.

    Named users/groups and the owning group are limited by the mask entry, as the kernel does; read
    for 'other' is reported as Everyone.
    """
    if len(raw) < 4 or struct.unpack_from("<I", raw)[0] != ACL_VERSION:
        return []
    entries = [struct.unpack_from("<HHI", raw, off) for off in range(4, len(raw) - 7, 8)]
    mask = next((perm for tag, perm, _ in entries if tag == MASK), 0x7)
    readers: list[str] = []
    for tag, perm, ident in entries:
        if not perm & READ:
            continue
        if tag in (USER, GROUP, GROUP_OBJ) and not mask & READ:
            continue
        if tag == USER_OBJ:
            name = owner or "eigenaar"
        elif tag == USER:
            name = _user(ident)
        elif tag == GROUP_OBJ:
            name = group or "groep"
        elif tag == GROUP:
            name = _group(ident)
        elif tag == OTHER:
            name = EVERYONE
        else:
            continue
        if name not in readers:
            readers.append(name)
    return readers


def read_acl(path: str | os.PathLike[str], owner: str | None = None, group: str | None = None) -> list[str]:
    """The readers from the file's ACL; empty when it has none (mode bits only) or the FS has no ACLs."""
    try:
        raw = os.getxattr(path, "system.posix_acl_access", follow_symlinks=False)
    except OSError as err:
        if err.errno in (errno.ENODATA, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM, errno.EACCES):
            return []
        raise
    return parse_acl(raw, owner, group)


def grant_audiences(access: Access) -> None:
    """The audiences of a file's mode bits and ACL readers: read for 'other' is everyone; the open
    groups above are everyone or the organisation."""
    if access.world_readable:
        access.grant("everyone", EVERYONE)
    for reader in access.acl:
        audience = AUDIENCE_OF.get(reader)
        if audience:
            access.grant(audience, reader)
