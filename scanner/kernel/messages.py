"""The words around avgscan's own messages in the user's language: Dutch, or English with `--lang en`.

Validation comes from pydantic and the command line from argparse, and both speak English ("Extra
inputs are not permitted", "usage:"). Their messages are translated here by their stable codes
(pydantic's error `type`, argparse's message templates), not by matching English text in the
callers, and a misspelt key gets the nearest known key as a suggestion.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Iterable
from typing import Any

_LANG = ["nl"]


def set_language(lang: str) -> None:
    _LANG[0] = "en" if lang == "en" else "nl"


def say(nl: str, en: str) -> str:
    return en if _LANG[0] == "en" else nl


# -- operating system -------------------------------------------------------------------------------
_ERRNO = {
    "ENOENT": ("bestaat niet", "does not exist"),
    "EACCES": ("geen toegang", "permission denied"),
    "EPERM": ("niet toegestaan", "not permitted"),
    "EISDIR": ("is een map", "is a folder"),
    "ENOTDIR": ("een deel van het pad is geen map", "a part of the path is not a folder"),
    "EROFS": ("alleen-lezen schijf", "read-only file system"),
    "ENOSPC": ("schijf vol", "disk full"),
    "EEXIST": ("bestaat al", "already exists"),
}


def os_reason(err: OSError) -> str:
    """The reason of an OSError in the user's language (the system's own text is English)."""
    import errno

    name = errno.errorcode.get(err.errno or 0, "")
    if name in _ERRNO:
        return say(*_ERRNO[name])
    return err.strerror or str(err)


# -- pydantic ---------------------------------------------------------------------------------------
# error type -> (Dutch, English); {expected} etc. come from the error's ctx
_PYDANTIC: dict[str, tuple[str, str]] = {
    "extra_forbidden": ("onbekende sleutel", "unknown key"),
    "missing": ("verplicht, maar ontbreekt", "required, but missing"),
    "string_type": ("moet tekst zijn", "must be text"),
    "int_type": ("moet een geheel getal zijn", "must be a whole number"),
    "int_parsing": ("moet een geheel getal zijn", "must be a whole number"),
    "int_from_float": ("moet een geheel getal zijn", "must be a whole number"),
    "float_type": ("moet een getal zijn", "must be a number"),
    "float_parsing": ("moet een getal zijn", "must be a number"),
    "bool_type": ("moet true of false zijn", "must be true or false"),
    "bool_parsing": ("moet true of false zijn", "must be true or false"),
    "list_type": ("moet een lijst zijn (- item per regel)", "must be a list (- one item per line)"),
    "dict_type": ("moet een mapping zijn (sleutel: waarde)", "must be a mapping (key: value)"),
    "model_type": ("moet een mapping zijn (sleutel: waarde)", "must be a mapping (key: value)"),
    "model_attributes_type": ("moet een mapping zijn (sleutel: waarde)", "must be a mapping (key: value)"),
    "date_type": ("moet een datum zijn (JJJJ-MM-DD)", "must be a date (YYYY-MM-DD)"),
    "date_parsing": ("moet een datum zijn (JJJJ-MM-DD)", "must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": ("moet een datum zijn (JJJJ-MM-DD)", "must be a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": ("moet een datum zijn, zonder tijd", "must be a date without a time"),
    "literal_error": ("moet een van deze zijn: {expected}", "must be one of: {expected}"),
    "enum": ("moet een van deze zijn: {expected}", "must be one of: {expected}"),
    "string_too_short": ("mag niet leeg zijn", "must not be empty"),
    "too_short": ("mag niet leeg zijn", "must not be empty"),
    "greater_than": ("moet groter zijn dan {gt}", "must be greater than {gt}"),
    "greater_than_equal": ("moet minstens {ge} zijn", "must be at least {ge}"),
}


def _expected(ctx: dict[str, Any]) -> dict[str, Any]:
    out = dict(ctx)
    if "expected" in out:
        out["expected"] = str(out["expected"]).replace(" or ", ", ").replace(" of ", ", ")
    return out


def validation_message(error: dict[str, Any], known_keys: Iterable[str] = ()) -> str:
    """One pydantic error in the user's language; an unknown key with "bedoelde u `x`?"."""
    kind = error.get("type", "")
    if kind == "value_error":  # our own validators raise ValueError with a message already in our words
        return str(error.get("ctx", {}).get("error", error.get("msg", "")))
    nl, en = _PYDANTIC.get(kind, (None, None))
    if nl is None:
        return str(error.get("msg", kind))
    text = say(nl, en)
    try:
        text = text.format(**_expected(error.get("ctx") or {}))
    except (KeyError, IndexError):
        pass
    if kind == "extra_forbidden" and error.get("loc"):
        guess = difflib.get_close_matches(str(error["loc"][-1]), list(known_keys), n=1, cutoff=0.6)
        if guess:
            text += say(f"; bedoelde u `{guess[0]}`?", f"; did you mean `{guess[0]}`?")
    return text


def known_keys(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """The keys a pydantic model accepts at `loc`'s parent (aliases included), for suggestions."""
    from pydantic import BaseModel

    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part) or next(
            (f for f in getattr(current, "model_fields", {}).values() if f.alias == part), None)
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", {}) if isinstance(current, type) and issubclass(current, BaseModel) \
        else {}
    return [f.alias or name for name, f in fields.items()]


def _model_in(annotation: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def format_validation(origin: str, model: Any, errors: list[dict[str, Any]]) -> str:
    """'file: sources[0].folder_patern: onbekende sleutel; bedoelde u `folder_pattern`?' per error."""
    lines = []
    for e in errors:
        loc = tuple(e["loc"])
        key = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")
        lines.append(f"{origin}: {key}: {validation_message(e, known_keys(model, loc))}")
    return "\n".join(lines)


# -- argparse ---------------------------------------------------------------------------------------
# argparse's own templates (gettext msgids) -> Dutch
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten zijn verplicht: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "not allowed with argument %s": "niet samen met %s",
    "ignored explicit argument %r": "overbodige waarde %r",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "one of the arguments %s is required": "een van deze argumenten is verplicht: %s",
    "show program's version number and exit": "toon het versienummer en stop",
    "subcommands": "opdrachten",
}
_ARGPARSE_N_NL = {
    "expected %s argument": ("verwacht %s waarde", "verwacht %s waarden"),
}


def _gettext(text: str) -> str:
    return _ARGPARSE_NL.get(text, text) if _LANG[0] == "nl" else text


def _ngettext(singular: str, plural: str, n: int) -> str:
    if _LANG[0] == "nl" and singular in _ARGPARSE_N_NL:
        one, many = _ARGPARSE_N_NL[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


def dutch_argparse() -> None:
    """argparse looks its templates up through module-level `_` and `ngettext` at call time."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


__all__ = ["dutch_argparse", "format_validation", "known_keys", "os_reason", "say", "set_language",
           "validation_message"]
