"""The entity catalogue (config/entities.yaml): what each entity type is, as data.

Detection, masking, linking, the rules, the review and the reports all ask the catalogue about a
type (is it reported, which result wins an overlap, how is it masked and keyed, is it special-category
data or a possible breach, which column headers hold it) instead of keeping lists of type names of
their own, so a new recognizer's type cannot silently vanish from one of them: it needs its recognizer
file, a line in config/recognizers.yaml and a row in the catalogue.

The file is read once per process and checked whole; a bad row stops the run with a Dutch message that
names the file, the row and the key. Tests point `CATALOGUE_FILE` at a copy to add a type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from config import CONFIG_DIR
from scanner.kernel.errors import AvgscanError
from scanner.kernel.messages import format_validation, os_reason, say
from scanner.kernel.text import norm_header

CATALOGUE_FILE = CONFIG_DIR / "entities.yaml"

Kind = Literal["name", "value", "term"]
KeyKind = Literal["name", "number", "birth", "none"]
# how a cell of a typed column is checked (scanner/detection/tables.py implements each one)
CellCheck = Literal["name", "date", "postcode", "phone", "email", "bsn", "onderwijsnummer", "iban", "street", "text"]
# how evidence is masked (scanner/detection/masking.py implements each one); 'last:N' keeps N characters
MASK_STYLES = ("name", "iban", "email", "birth_year", "postcode", "street", "category")
_LAST = re.compile(r"^last:([1-9])$")
_TYPE_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


class CatalogueError(AvgscanError):
    """config/entities.yaml cannot be used; the message names the file, the row and the key."""


class _Row(BaseModel):
    """One row as written; checked, then turned into an EntityType."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(description="the entity type, upper case (NL_BSN)")
    label: str = ""
    reported: bool = True
    priority: int | None = Field(default=None, ge=1)
    kind: Kind | None = None
    mask: str | None = None
    key: KeyKind = "none"
    identifier: bool = False
    contact: bool = False
    special_category: bool = False
    breach: bool = False
    consent_category: str | None = None
    lexicon_groups: list[str] = Field(default_factory=list)
    cell: CellCheck = "text"
    headers: list[str] = Field(default_factory=list)
    fields: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("type")
    @classmethod
    def _type_name(cls, value: str) -> str:
        if not _TYPE_NAME.match(value):
            raise ValueError(say("verwacht hoofdletters, cijfers en _ (zoals NL_BSN)",
                                 "expected upper-case letters, digits and _ (like NL_BSN)"))
        return value

    @field_validator("mask")
    @classmethod
    def _mask_style(cls, value: str | None) -> str | None:
        if value is not None and value not in MASK_STYLES and not _LAST.match(value):
            raise ValueError(say(f"onbekende maskering; kies uit {', '.join(MASK_STYLES)} of last:N (N van 1 tot 9)",
                                 f"unknown mask; choose from {', '.join(MASK_STYLES)} or last:N (N from 1 to 9)"))
        return value

    @model_validator(mode="after")
    def _reported_needs(self) -> _Row:
        if self.reported:
            missing = [k for k in ("priority", "kind", "mask") if getattr(self, k) is None]
            if missing:
                raise ValueError(say(f"een gerapporteerd type heeft {', '.join(missing)} nodig",
                                     f"a reported type needs {', '.join(missing)}"))
        if self.special_category and self.kind != "term":
            raise ValueError(say("een bijzonder persoonsgegeven heeft kind: term",
                                 "a special category needs kind: term"))
        return self


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entities: list[dict[str, Any]]


@dataclass(frozen=True, eq=False)
class EntityType:
    """One row of the catalogue (see the comment at the top of config/entities.yaml for each key)."""

    name: str
    label: str
    reported: bool
    priority: int
    kind: Kind | None
    mask: str
    key: KeyKind
    identifier: bool
    contact: bool
    special_category: bool
    breach: bool
    consent_category: str | None
    lexicon_groups: tuple[str, ...]
    cell: CellCheck
    headers: tuple[str, ...]  # normalised, the fields' headers included
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> normalised headers


@dataclass(frozen=True, eq=False)
class Catalogue:
    """Every row, in file order, with the lookups the stages need (computed once per catalogue)."""

    path: str
    types: dict[str, EntityType]

    def get(self, name: str) -> EntityType | None:
        return self.types.get(name)

    def describe(self, name: str) -> EntityType:
        """The row of a type; for a type no row describes, an unreported one that nothing special
        applies to (no groups, no headers, masked as a category, never keyed)."""
        row = self.types.get(name) or self._unknown.get(name)
        if row is None:
            row = self._unknown[name] = EntityType(
                name=name, label=name.lower(), reported=False, priority=0, kind=None, mask="category", key="none",
                identifier=False, contact=False, special_category=False, breach=False, consent_category=None,
                lexicon_groups=(), cell="text", headers=())
        return row

    @cached_property
    def _unknown(self) -> dict[str, EntityType]:
        return {}

    def names(self, flag: str) -> tuple[str, ...]:
        """The types with a flag set ('special_category', 'breach', 'identifier', 'contact'), in file order."""
        return tuple(n for n, t in self.types.items() if getattr(t, flag))

    @cached_property
    def reported(self) -> frozenset[str]:
        return frozenset(n for n, t in self.types.items() if t.reported)

    @cached_property
    def priority(self) -> dict[str, int]:
        """Reported type -> overlap rank (0 wins); anything else ranks after them."""
        ranked = sorted((t.priority, n) for n, t in self.types.items() if t.reported)
        return {n: i for i, (_, n) in enumerate(ranked)}

    @cached_property
    def special_categories(self) -> tuple[str, ...]:
        return self.names("special_category")

    @cached_property
    def breach_types(self) -> frozenset[str]:
        return frozenset(self.names("breach"))

    @cached_property
    def contact_types(self) -> frozenset[str]:
        return frozenset(self.names("contact"))

    def of_kind(self, kind: Kind) -> frozenset[str]:
        return self._kinds.get(kind, frozenset())

    @cached_property
    def _kinds(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for n, t in self.types.items():
            if t.reported and t.kind:
                out.setdefault(t.kind, set()).add(n)
        return {k: frozenset(v) for k, v in out.items()}

    @cached_property
    def group_types(self) -> dict[str, str]:
        """Lexicon group (GEZ, REL, ...) -> the entity type its terms are."""
        return {g: n for n, t in self.types.items() for g in t.lexicon_groups}

    @cached_property
    def header_types(self) -> dict[str, str]:
        """Normalised column header -> the entity type its cells are."""
        return {h: n for n, t in self.types.items() for h in t.headers}

    @cached_property
    def header_fields(self) -> dict[str, str]:
        """Normalised header -> the record field it names ('geslachtsnaam' -> 'achternaam')."""
        return {h: f for t in self.types.values() for f, hs in t.fields.items() for h in hs}

    @cached_property
    def field_types(self) -> dict[str, str]:
        """Record field ('achternaam', 'geboortedatum') -> the entity type of its cells."""
        return {f: n for n, t in self.types.items() for f in t.fields}

    @cached_property
    def consent_categories(self) -> dict[str, str]:
        """Entity type -> consent category, for the types that have one (the policy's default)."""
        return {n: t.consent_category for n, t in self.types.items() if t.consent_category}


def _where(path: Path, n: int, row: dict[str, Any]) -> str:
    name = row.get("type") if isinstance(row, dict) else None
    return f"{path}: entities[{n}]" + (f" ({name})" if isinstance(name, str) else "")


def _check_unique(path: Path, rows: list[tuple[int, _Row]]) -> None:
    """A type, a priority, a lexicon group or a header belongs to one row only."""
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    for n, row in rows:
        headers = [*row.headers, *(h for hs in row.fields.values() for h in hs)]
        keys = {("type", row.type), *(("lexicon_groups", g) for g in row.lexicon_groups),
                *(("headers", norm_header(h)) for h in headers)}
        if row.reported and row.priority is not None:
            keys.add(("priority", str(row.priority)))
        for what, value in sorted(keys):
            m, other = seen.setdefault((what, value), (n, row.type))
            if m != n:
                raise CatalogueError(f"{_where(path, n, {'type': row.type})}: {what}: " + say(
                    f"'{value}' staat ook in entities[{m}] ({other}); elk type, elke prioriteit, lexicongroep en "
                    "kolomkop hoort bij één rij",
                    f"'{value}' is also in entities[{m}] ({other}); each type, priority, lexicon group and header "
                    "belongs to one row"))


def load_catalogue(path: Path) -> Catalogue:
    """Read and check the whole file; the first problem stops with a CatalogueError naming row and key."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise CatalogueError(f"{path}: " + say("kan de entiteitencatalogus niet lezen",
                                               "cannot read the entity catalogue") + f" ({os_reason(err)})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = say(f" regel {mark.line + 1}", f" line {mark.line + 1}") if mark else ""
        raise CatalogueError(f"{path}:{line} " + say("is geen geldige YAML", "is not valid YAML")) from None
    try:
        parsed = _File.model_validate(raw if isinstance(raw, dict) else {})
    except ValidationError as err:
        raise CatalogueError(format_validation(str(path), _File, err.errors())) from None
    rows: list[tuple[int, _Row]] = []
    for n, data in enumerate(parsed.entities):
        try:
            rows.append((n, _Row.model_validate(data)))
        except ValidationError as err:
            raise CatalogueError(format_validation(_where(path, n, data), _Row, err.errors())) from None
    _check_unique(path, rows)
    types = {}
    for _, r in rows:
        fields = {f: tuple(norm_header(h) for h in hs) for f, hs in r.fields.items()}
        in_fields = [h for hs in fields.values() for h in hs]
        headers = tuple(dict.fromkeys([*(norm_header(h) for h in r.headers), *in_fields]))
        types[r.type] = EntityType(
            name=r.type, label=r.label or r.type.lower(), reported=r.reported, priority=r.priority or 0, kind=r.kind,
            mask=r.mask or "category", key=r.key, identifier=r.identifier, contact=r.contact,
            special_category=r.special_category, breach=r.breach, consent_category=r.consent_category,
            lexicon_groups=tuple(r.lexicon_groups), cell=r.cell, headers=headers, fields=fields)
    return Catalogue(str(path), types)


_loaded: dict[Path, Catalogue] = {}


def catalogue() -> Catalogue:
    """The catalogue of this process (config/entities.yaml unless `CATALOGUE_FILE` was pointed elsewhere)."""
    path = CATALOGUE_FILE
    cat = _loaded.get(path)
    if cat is None:
        cat = _loaded[path] = load_catalogue(path)
    return cat


def entity(name: str) -> EntityType | None:
    """The catalogue row of a type, None for a type no row describes."""
    return catalogue().types.get(name)


__all__ = ["CATALOGUE_FILE", "CellCheck", "Catalogue", "CatalogueError", "EntityType", "KeyKind", "Kind",
           "MASK_STYLES", "catalogue", "entity", "load_catalogue"]
