"""Format extractors: one module per format, registered by file suffix.

An extractor turns bytes into Content (text units with their places). It raises Unreadable with a
reason for encrypted, corrupt or unsupported input; the scan goes on.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePosixPath

from connectors.base import Unreadable
from scanner.model import Content

Extractor = Callable[[bytes, str], Content]
EXTRACTORS: dict[str, Extractor] = {}
_MODULES = ("text", "delimited", "docx", "xlsx", "pdf", "eml", "odf")


def register(*suffixes: str) -> Callable[[Extractor], Extractor]:
    def deco(fn: Extractor) -> Extractor:
        for s in suffixes:
            EXTRACTORS[s] = fn
        return fn

    return deco


def _load() -> None:
    if not EXTRACTORS:
        for mod in _MODULES:
            importlib.import_module(f"connectors.extractors.{mod}")


def extractor_for(name: str) -> Extractor | None:
    _load()
    return EXTRACTORS.get(PurePosixPath(name).suffix.lower())


def extract(data: bytes, name: str) -> Content:
    fn = extractor_for(name)
    if fn is None:
        raise Unreadable(f"formaat niet ondersteund ({PurePosixPath(name).suffix or 'geen extensie'})")
    try:
        return fn(data, name)
    except Unreadable:
        raise
    except Exception as err:  # a broken file must never stop the scan
        raise Unreadable(f"beschadigd of onleesbaar bestand ({type(err).__name__}: {str(err)[:120]})") from None
