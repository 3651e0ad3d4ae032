"""Format extractors: one module per format, named by file suffix in a lazy registry.

An extractor turns bytes into Content (text units with their places). It raises Unreadable with a
reason for encrypted, corrupt or unsupported input; the scan goes on.

Container formats (zip archives, e-mail with attachments) also have a *member lister*: the
source turns each member into an item of its own (`<container>!/<member>`), so a finding in an
attachment points at the attachment and an unreadable member is reported on its own.

The registries name `module:function` as strings (pre-commit's style): a format's module is imported
the first time a file of that format is met, and this package imports none of them itself. A new
format is one module plus its suffixes here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from connectors.base import FileSourceSettings
from scanner.kernel.errors import ItemTimeout, Unreadable
from scanner.kernel.model import Content

Extractor = Callable[[bytes, str], Content]
# suffix -> "module:function" turning the bytes of a file with that suffix into Content
EXTRACTORS: dict[str, str] = {
    ".zip": "connectors.extractors.archive:extract_zip",
    ".csv": "connectors.extractors.delimited:extract_csv", ".tsv": "connectors.extractors.delimited:extract_csv",
    ".tab": "connectors.extractors.delimited:extract_csv",
    ".doc": "connectors.extractors.doc:extract_doc", ".dot": "connectors.extractors.doc:extract_doc",
    ".docx": "connectors.extractors.docx:extract_docx", ".docm": "connectors.extractors.docx:extract_docx",
    ".dotx": "connectors.extractors.docx:extract_docx", ".dotm": "connectors.extractors.docx:extract_docx",
    ".eml": "connectors.extractors.eml:extract_eml",
    ".html": "connectors.extractors.html:extract_html", ".htm": "connectors.extractors.html:extract_html",
    ".xhtml": "connectors.extractors.html:extract_html",
    ".msg": "connectors.extractors.msg:extract_msg_file",
    ".png": "connectors.extractors.ocr:extract_image", ".jpg": "connectors.extractors.ocr:extract_image",
    ".jpeg": "connectors.extractors.ocr:extract_image", ".tif": "connectors.extractors.ocr:extract_image",
    ".tiff": "connectors.extractors.ocr:extract_image", ".bmp": "connectors.extractors.ocr:extract_image",
    ".gif": "connectors.extractors.ocr:extract_image", ".webp": "connectors.extractors.ocr:extract_image",
    ".odt": "connectors.extractors.odf:extract_odt", ".ott": "connectors.extractors.odf:extract_odt",
    ".ods": "connectors.extractors.odf:extract_ods", ".ots": "connectors.extractors.odf:extract_ods",
    ".pdf": "connectors.extractors.pdf:extract_pdf",
    ".pptx": "connectors.extractors.pptx:extract_pptx",
    ".rtf": "connectors.extractors.rtf:extract_rtf",
    ".txt": "connectors.extractors.text:extract_text", ".text": "connectors.extractors.text:extract_text",
    ".log": "connectors.extractors.text:extract_text", ".md": "connectors.extractors.text:extract_text",
    ".ics": "connectors.extractors.text:extract_text", ".vcf": "connectors.extractors.text:extract_text",
    ".json": "connectors.extractors.text:extract_text", ".xml": "connectors.extractors.text:extract_text",
    ".xls": "connectors.extractors.xls:extract_xls", ".xlt": "connectors.extractors.xls:extract_xls",
    ".xlsx": "connectors.extractors.xlsx:extract_xlsx", ".xlsm": "connectors.extractors.xlsx:extract_xlsx",
    ".xltx": "connectors.extractors.xlsx:extract_xlsx", ".xltm": "connectors.extractors.xlsx:extract_xlsx",
}


def _default(key: str) -> Any:
    return FileSourceSettings.model_fields[key].default


@dataclass
class Limits:
    """Guards against hostile containers (zip bombs, endless nesting); the defaults are the settings'."""

    max_member_bytes: int = int(_default("max_file_mb") * 1024 * 1024)
    max_members: int = _default("archive_max_members")
    max_expanded_bytes: int = int(_default("archive_max_mb") * 1024 * 1024)
    max_depth: int = _default("archive_max_depth")

    @classmethod
    def of(cls, cfg: FileSourceSettings) -> Limits:
        """The limits a file source's settings ask for."""
        return cls(max_member_bytes=int(float(cfg.max_file_mb) * 1024 * 1024), max_members=int(cfg.archive_max_members),
                   max_expanded_bytes=int(float(cfg.archive_max_mb) * 1024 * 1024),
                   max_depth=int(cfg.archive_max_depth))


@dataclass
class Member:
    """One file inside a container, listed without reading it (`load` reads it when needed)."""

    name: str  # path inside the container, '/' separators, unique within the container
    size: int
    load: Callable[[], bytes] | None = None
    modified: datetime | None = None
    reason: str | None = None  # set when the member cannot be read (encrypted, too large, ...)
    skip: str | None = None  # set when the member holds no data to scan (a mail signature), with why
    metadata: dict[str, object] = field(default_factory=dict)  # e.g. the e-mail's 'date' for attachments


_LIMITS: ContextVar[Limits | None] = ContextVar("avgscan_limits", default=None)


def current_limits() -> Limits:
    """The limits of the source whose item is being read (the defaults outside a read).

    Extractors keep their `fn(data, name)` shape; a zip-based Office file is an archive too, so
    its extractor needs the source's archive limits, which the source sets around each read.
    """
    return _LIMITS.get() or Limits()


@contextmanager
def reading_with(limits: Limits) -> Iterator[None]:
    token = _LIMITS.set(limits)
    try:
        yield
    finally:
        _LIMITS.reset(token)


MemberLister = Callable[[bytes, str, Limits], list[Member]]
# suffix -> "module:function" listing the members of a container with that suffix
MEMBER_LISTERS: dict[str, str] = {
    ".zip": "connectors.extractors.archive:list_members",
    ".eml": "connectors.extractors.eml:list_attachments",
    ".msg": "connectors.extractors.msg:list_attachments",
}
_RESOLVED: dict[str, Callable[..., object]] = {}


def _resolve(spec: str) -> Callable[..., object]:
    """The function a registry entry names, imported on first use."""
    if spec not in _RESOLVED:
        module, _, function = spec.partition(":")
        _RESOLVED[spec] = getattr(importlib.import_module(module), function)
    return _RESOLVED[spec]


def suffix(name: str) -> str:
    """PurePosixPath(name).suffix, lower case, without making a path object (asked for every file)."""
    base = name.rpartition("/")[2]
    if base in ("", "."):  # a trailing slash or a '.' component: pathlib's own reading
        return PurePosixPath(name).suffix.lower()
    dot = base.rfind(".")
    return base[dot:].lower() if 0 < dot < len(base) - 1 else ""


def supported(name: str) -> bool:
    """Whether some extractor reads `name`, asked by the crawl of every file: without importing the
    extractor (a rescan answered from the cache never needs pypdf, python-docx or openpyxl)."""
    return suffix(name) in EXTRACTORS


def extractor_for(name: str) -> Extractor | None:
    spec = EXTRACTORS.get(suffix(name))
    return _resolve(spec) if spec else None  # type: ignore[return-value]


def member_lister_for(name: str) -> MemberLister | None:
    spec = MEMBER_LISTERS.get(suffix(name))
    return _resolve(spec) if spec else None  # type: ignore[return-value]


def unsupported_reason(name: str) -> str:
    return f"formaat niet ondersteund ({suffix(name) or 'geen extensie'})"


def extract(data: bytes, name: str) -> Content:
    fn = extractor_for(name)
    if fn is None:
        raise Unreadable(unsupported_reason(name))
    try:
        return fn(data, name)
    except (Unreadable, ItemTimeout):
        raise
    except MemoryError:
        raise Unreadable("te groot om te lezen (onvoldoende geheugen)") from None
    except Exception as err:  # a broken file must never stop the scan
        # the parser's message quotes what it failed on (a cell, a line of text): only its kind is shown
        raise Unreadable(f"beschadigd of onleesbaar bestand ({type(err).__name__})") from None


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2).ext`, ... so two attachments called 'scan.pdf' stay two items."""
    clean = name.replace("\\", "/").replace("!/", "!_").strip("/") or "naamloos"
    candidate, n = clean, 1
    while candidate.lower() in taken:
        n += 1
        p = PurePosixPath(clean)
        candidate = str(p.with_name(f"{p.stem} ({n}){p.suffix}"))
    taken.add(candidate.lower())
    return candidate


def as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None
