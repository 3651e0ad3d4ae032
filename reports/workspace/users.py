"""Local workspace accounts: a name and a scrypt hash, in the output folder's state store (0600).

scrypt (hashlib, no extra dependency) with a random salt per user and parameters stored with the
hash, so they can be raised later without breaking existing accounts. A login for an unknown name
costs the same as one with a wrong password, so names cannot be probed by timing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

from sqlalchemy import Column, String, Table, select

from scanner.kernel.errors import AvgscanError
from scanner.kernel.messages import say
from scanner.state import StateStore, metadata

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSWORD = 12
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")

workspace_users = Table(
    "workspace_users", metadata,
    Column("name", String, primary_key=True),
    Column("password_hash", String, nullable=False),  # scrypt$n$r$p$salt$hash (hex)
    Column("created_at", String, nullable=False),
)


class UserError(AvgscanError, ValueError):
    """A name or password that cannot be used; the message says why, in Dutch first."""


def hash_password(password: str, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R,
                  p: int = SCRYPT_P) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=128 * r * n * 2, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        again = hash_password(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(again.rpartition("$")[2], digest)


_DUMMY = hash_password("avgscan-geen-gebruiker", salt=b"\0" * 16)


def check_name(name: str) -> str:
    name = name.strip()
    if not (1 <= len(name) <= 64) or not set(name) <= NAME_CHARS:
        raise UserError(say("een gebruikersnaam is 1 tot 64 tekens: letters, cijfers en . _ - @",
                            "a user name is 1 to 64 characters: letters, digits and . _ - @"))
    return name


def check_password(password: str, name: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(say(f"het wachtwoord moet minstens {MIN_PASSWORD} tekens hebben",
                            f"the password must have at least {MIN_PASSWORD} characters"))
    if password.lower() == name.lower():
        raise UserError(say("het wachtwoord mag niet gelijk zijn aan de gebruikersnaam",
                            "the password must not equal the user name"))


def add_user(store: StateStore, name: str, password: str) -> bool:
    """Create the account, or set a new password for an existing one; True when it was new."""
    name = check_name(name)
    check_password(password, name)
    row = {"password_hash": hash_password(password), "created_at": datetime.now(UTC).isoformat(timespec="seconds")}
    with store.engine.begin() as conn:
        exists = conn.execute(select(workspace_users.c.name).where(workspace_users.c.name == name)).first()
        if exists:
            conn.execute(workspace_users.update().where(workspace_users.c.name == name).values(**row))
        else:
            conn.execute(workspace_users.insert().values(name=name, **row))
    return not exists


def authenticate(store: StateStore, name: str, password: str) -> bool:
    with store.engine.connect() as conn:
        stored = conn.execute(select(workspace_users.c.password_hash)
                              .where(workspace_users.c.name == name.strip())).scalar()
    ok = verify_password(password, stored or _DUMMY)
    return ok and stored is not None


def user_names(store: StateStore) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(workspace_users.c.name).order_by(workspace_users.c.name)).scalars())


__all__ = ["UserError", "add_user", "authenticate", "check_name", "check_password", "hash_password", "user_names",
           "verify_password", "workspace_users"]
