"""What may be shown of a URL or an error: never a password, never content.

Error texts of parsers and database drivers quote what they choke on (`could not convert string to
float: 'Sanne de Vries BSN …'`, `invalid input syntax for type date: "…"`), and a URL may carry a
password in its user part (`postgresql://fg:geheim@…`) or its query (`?password=geheim`). Reasons,
record problems, the console, the reports and the state store all take their text from here, so
one place decides what of it can be shown.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from scanner.kernel.errors import Unreadable

# query arguments that carry a secret, in the spellings drivers accept
SECRET_ARGS = frozenset({"password", "passwd", "pwd", "pass", "secret", "token", "sslpassword", "access_token",
                         "api_key", "apikey", "key"})
HIDDEN = "***"
_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://\S+")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|«[^»]*»|‘[^’]*’|“[^”]*”|`[^`]*`")
_LONG_NUMBER = re.compile(r"\d{4,}")
_PAREN_VALUE = re.compile(r"=\([^)]*\)")


def _secret_arg(name: str) -> bool:
    return name.lower() in SECRET_ARGS


def _split_userinfo(rest: str) -> tuple[str, str | None, str]:
    """(user, password or None, what follows '@') of the part after '://'; no '@': ('', None, rest).

    The user part ends at the last '@' before the query, so a password holding '/', '#' or '@'
    (SQLAlchemy accepts them unescaped) is still all hidden; '@' inside a query is no user part.
    """
    q = rest.find("?")
    at = rest.rfind("@", 0, q if q != -1 else len(rest))
    if at == -1:
        return "", None, rest
    userinfo, after = rest[:at], rest[at + 1:]
    user, colon, password = userinfo.partition(":")
    if "/" in user or not colon:
        return (userinfo, None, after) if "/" not in userinfo else ("", None, rest)
    return user, password, after


def url_password_keys(url: str) -> list[str]:
    """Where `url` holds a password: 'userinfo' and/or the query arguments that carry one."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep:
        return []
    _, password, after = _split_userinfo(rest)
    found = ["userinfo"] if password else []
    query = after.partition("?")[2].partition("#")[0]
    found += [name for name, value in parse_qsl(query, keep_blank_values=True) if _secret_arg(name) and value]
    return found


def safe_url(url: str) -> str:
    """`url` without any password: the user part's secret and secret query arguments become ***.

    For database, SMB and any other URL, and for text too malformed to parse as one.
    """
    text = url.strip()
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text
    user, password, after = _split_userinfo(rest)
    if password is not None:
        rest = f"{user}:{HIDDEN}@{after}"
    head, q, query = rest.partition("?")
    if q:
        query, hash_, fragment = query.partition("#")
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, HIDDEN if _secret_arg(k) else v) for k, v in pairs], safe="*:/")
        rest = f"{head}?{query}{hash_}{fragment}"
    return f"{scheme}://{rest}"


def safe_text(text: str, limit: int = 200) -> str:
    """The first line of a driver's or library's message, without URLs' secrets, quoted values and numbers.

    What a message quotes is what it failed on: a cell, a row's value, a file's text. The words
    around it (`invalid input syntax for type date`) are kept, the quoted part becomes '…'.
    """
    first = (text.strip().splitlines() or [""])[0]
    first = _URL.sub(lambda m: safe_url(m.group(0)), first)
    first = _QUOTED.sub("'…'", first)
    first = _PAREN_VALUE.sub("=(…)", first)
    first = _LONG_NUMBER.sub("…", first)
    return first[:limit]


def error_text(err: BaseException, detail: bool = True) -> str:
    """An exception as it may be shown: our own Dutch reasons as they are, others redacted.

    Without `detail` a library's exception is shown by its kind only: a parser that failed half-way
    through a document may say anything about it, quoted or not.
    """

    if isinstance(err, Unreadable):
        return str(err)
    if isinstance(err, OSError) and err.strerror:
        return f"{type(err).__name__}: {err.strerror}"
    if not detail:
        return type(err).__name__
    detail = safe_text(str(getattr(err, "orig", None) or err))
    return f"{type(err).__name__}: {detail}" if detail else type(err).__name__
