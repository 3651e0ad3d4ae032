"""Secrets for sources come from the environment or the OS keyring, never from the config file.

A config file is copied, mailed and committed; a password in it leaks. So the config may name the
user (`smb://jan@server/share`) but a password there is refused (scanner/config.py refuse_passwords).
Each connector owns its lookup (which environment variables, which keyring service: see the
connector's `credentials` function and connectors/README.md); this module is the shared
"environment first, then the keyring" step, so every connector looks secrets up the same way.
"""

from __future__ import annotations

import os


def keyring_password(service: str, user: str) -> str | None:
    """The password stored for `user` under `service` (`keyring set avgscan:smb:fileserver jan`), or
    None when the keyring package is not installed, has no backend or holds nothing."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(service, user)
    except (KeyringError, RuntimeError, OSError):
        return None


def env_or_keyring(env_var: str, service: str, user: str | None) -> str | None:
    """The secret from `env_var`, else from the keyring under `service` for `user` (when there is a user)."""
    secret = os.environ.get(env_var)
    if secret is None and user:
        secret = keyring_password(service, user)
    return secret


__all__ = ["env_or_keyring", "keyring_password"]
