"""Secrets for sources come from the environment or the OS keyring, never from the config file.

A config file is copied, mailed and committed; a password in it leaks. So the config may name the
user (`smb://jan@server/share`) but a password there is refused. Lookup order:
  1. AVGSCAN_SMB_USER / AVGSCAN_SMB_PASSWORD (and AVGSCAN_SMB_DOMAIN) environment variables;
  2. the OS keyring, service `avgscan:smb:<host>`, user name as above
     (`keyring set avgscan:smb:fileserver jan`), when the `keyring` package is installed.
Without a password the connection is attempted with Kerberos/the current login, if available.
"""

from __future__ import annotations

import os


def keyring_password(service: str, user: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(service, user)
    except (KeyringError, RuntimeError, OSError):
        return None


def smb_credentials(host: str, url_user: str | None) -> tuple[str | None, str | None]:
    user = os.environ.get("AVGSCAN_SMB_USER") or url_user
    domain = os.environ.get("AVGSCAN_SMB_DOMAIN")
    if user and domain and "\\" not in user and "@" not in user:
        user = f"{domain}\\{user}"
    password = os.environ.get("AVGSCAN_SMB_PASSWORD")
    if password is None and user:
        password = keyring_password(f"avgscan:smb:{host}", user)
    return user, password
