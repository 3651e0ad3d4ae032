"""The one YAML configuration file: loaded, merged with the default policy and validated.

Validation is done by pydantic models with `extra="forbid"`, so a typo in a key is an error that
names the key instead of a setting that is silently ignored.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny, ValidationError, field_validator

from config import CONFIG_DIR
from connectors import UnknownConnector, connector
from connectors.base import SourceSettings
from scanner.kernel.entities import catalogue
from scanner.kernel.errors import AvgscanError
from scanner.kernel.messages import format_validation, known_keys, os_reason, say, validation_message

# What a place role may mean for the rules; which roles exist and what each means is policy
# (policy.roles in config/default_policy.yaml, docs/rules.md "Place roles").
RoleMeaning = Literal["bsn_allowed", "open_to_everyone", "shared_with_party"]


class ConfigError(AvgscanError):
    """The configuration cannot be used; the message names the file and key."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", protected_namespaces=())


def source_settings(entry: object, where: tuple[Any, ...] = ()) -> tuple[SourceSettings | None, list[dict[str, Any]]]:
    """One `sources:` entry validated by the model of the connector its `type` names (only that
    connector is imported): the settings, or pydantic-style errors located under `where`."""
    if isinstance(entry, SourceSettings):
        return entry, []
    if not isinstance(entry, dict):
        return None, [{"type": "model_type", "loc": where, "msg": "", "input": entry}]
    kind = entry.get("type")
    if kind is None:
        return None, [{"type": "missing", "loc": (*where, "type"), "msg": "", "input": entry}]
    try:
        model = connector(kind).Config
    except UnknownConnector as err:
        return None, [{"type": "value_error", "loc": (*where, "type"), "msg": str(err), "ctx": {"error": str(err)},
                       "input": kind}]
    try:
        return model.model_validate(entry), []
    except ValidationError as err:
        return None, [{**e, "loc": (*where, *e["loc"]), "model": model, "in_model": tuple(e["loc"])}
                      for e in err.errors()]


def refuse_passwords(raw: object, origin: str, key: str = "") -> None:
    """Refuse a password in any URL anywhere in the configuration (user part or query argument).

    A config file is copied, mailed and committed, and what is in it ends up in reports and logs:
    every value that looks like a URL is checked, whatever its key, so a new key cannot forget it.
    The message names the key, never the URL.
    """
    from scanner.kernel.redact import url_password_keys

    if isinstance(raw, dict):
        for k, v in raw.items():
            refuse_passwords(v, origin, f"{key}.{k}" if key else str(k))
    elif isinstance(raw, list):
        for i, v in enumerate(raw):
            refuse_passwords(v, origin, f"{key}[{i}]")
    elif isinstance(raw, str) and "://" in raw:
        where = url_password_keys(raw)
        if where:
            part = "in het gebruikersdeel" if "userinfo" in where else f"als ?{where[0]}="
            raise ConfigError(f"{origin}: {key}: een wachtwoord hoort niet in een URL ({part}); laat het weg en "
                              "zet het in de omgevingsvariabele AVGSCAN_DB_PASSWORD (databases) of "
                              "AVGSCAN_SMB_PASSWORD / de sleutelbos (SMB)")


def check_sqlite_files(cfg: ScanConfig, origin: str = "configuratie") -> None:
    """A SQLite source or record table whose file does not exist stops a scan before it starts:
    opening it would create an empty database in the school's folder and report 'nothing found'.
    Checked when a scan starts, not when a config is loaded (an example config may name files
    that are not there yet)."""
    from connectors.db_session import sqlite_file

    urls = [(f"sources[{i}].url", getattr(s, "url", None)) for i, s in enumerate(cfg.sources) if s.type == "database"]
    urls += [(f"records.{name}.url", getattr(cfg.records, attr).url)
             for name, attr in (("register", "pupil_register"), ("consents", "consents"), ("staff", "staff"),
                                ("parents", "parents"), ("disclosures", "disclosures"))
             if getattr(cfg.records, attr) is not None]
    for key, url in urls:
        path = sqlite_file(url or "")
        if path is not None and not path.is_file():
            raise ConfigError(f"{origin}: {key}: SQLite-database {path} bestaat niet; controleer het pad "
                              "(er wordt geen nieuwe database aangemaakt)")


class RecordFile(Strict):
    path: str | None = None  # CSV or XLSX
    url: str | None = None  # or a database table
    table: str | None = None
    sheet: str | None = None
    delimiter: str | None = None
    columns: dict[str, str] = Field(default_factory=dict)  # field -> header in the file


class Records(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    pupil_register: RecordFile | None = Field(default=None, alias="register")  # leerlingen
    consents: RecordFile | None = None
    staff: RecordFile | None = None  # allow-list of staff names (a column 'naam' or split names)
    parents: RecordFile | None = None
    # The disclosure log (verstrekkingenlog): data that went to a party outside the scanned places.
    disclosures: RecordFile | None = None


class GiverRule(Strict):
    below_age: int | None = None
    giver: str


class RetentionPolicy(Strict):
    default_years: float = 3
    roles: dict[str, float] = Field(default_factory=dict)
    tables: dict[str, float] = Field(default_factory=dict)
    legal_hold: list[str] = Field(default_factory=list)


class ConsentPolicy(Strict):
    givers: list[GiverRule]


class Categories(Strict):
    entity_types: dict[str, str]  # default: the entity catalogue's consent_category per type
    groups: dict[str, str]


class BreachPolicy(Strict):
    rules: list[str]  # rule codes whose violations with `breach` types are possible data breaches


class OpenAccessPolicy(Strict):
    # Who may read an item for its personal data to count as open (scanner/kernel/model.py AUDIENCES)
    audiences: list[Literal["everyone", "organisation", "external", "anonymous_link"]]


class Policy(Strict):
    retention: RetentionPolicy
    consent: ConsentPolicy
    exempt_parties: dict[str, str]
    categories: Categories
    possible_breach: BreachPolicy
    open_access: OpenAccessPolicy
    # place role -> what it means for the rules; a role not listed here is refused in sources[].roles
    roles: dict[str, list[RoleMeaning]]

    def role_means(self, role: str | None, meaning: RoleMeaning) -> bool:
        return role is not None and meaning in self.roles.get(role, [])

    def roles_meaning(self, meaning: RoleMeaning) -> list[str]:
        return [role for role, meanings in self.roles.items() if meaning in meanings]

    def check_roles(self, cfg: ScanConfig, origin: str) -> None:
        """Every role a source or the retention policy names must be a role of the policy: a typo
        ('adminstration') would otherwise silently lose the role's meaning and retention period."""
        known = ", ".join(self.roles)
        for i, src in enumerate(cfg.sources):
            for place, role in src.roles.items():
                if role not in self.roles:
                    raise ConfigError(f"{origin}: sources[{i}].roles.{place}: " + say(
                        f"rol {role!r} voor {place!r} is niet een van {known} (policy.roles)",
                        f"role {role!r} for {place!r} is not one of {known} (policy.roles)"))
        for role in self.retention.roles:
            if role not in self.roles:
                raise ConfigError(f"{origin}: policy.retention.roles.{role}: " + say(
                    f"rol {role!r} is niet een van {known} (policy.roles)",
                    f"role {role!r} is not one of {known} (policy.roles)"))


class Organisation(Strict):
    name: str | None = None
    # Names of the board and its schools ('CBS De Regenboog', 'Jan Ligthartschool'): a religion or a
    # person inside them is the school's name, never a finding about a pupil.
    schools: list[str] = Field(default_factory=list)
    # The organisation's own addresses, postcodes and numbers: found, but never a pupil's data.
    addresses: list[str] = Field(default_factory=list)
    staff_names: list[str] = Field(default_factory=list)
    # The key the violation IDs are made with (relative to this file): the same key gives the same IDs
    # in every output folder and on every machine. Default: ~/.config/avgscan/organisatie.key.
    key_file: str | None = None

    @property
    def own_names(self) -> list[str]:
        """The board's and the schools' names: text that is never about a pupil."""
        return [n for n in (self.name, *self.schools) if n]


class Limits(Strict):
    """Bounds on the work one item may cost, so that a hostile or broken file cannot stall the scan."""

    item_timeout_s: float = 120.0  # extraction + detection of one item; over it: unreadable ('timed out')
    max_text_mb: float = 50.0  # extracted text of one item; over it: unreadable
    # a worker process is replaced by a fresh one after this many items, or when the memory it added
    # since it was forked (the analyzer it shares with the scan's process not counted) passes
    # worker_max_mb; 0: never
    worker_max_items: int = Field(default=2000, ge=0)
    worker_max_mb: float = Field(default=256.0, ge=0)


class ScanConfig(Strict):
    # each entry is its connector's own Config model, chosen by its `type` (see source_settings)
    sources: list[SerializeAsAny[SourceSettings]]
    limits: Limits = Field(default_factory=Limits)
    records: Records = Field(default_factory=Records)
    policy: Policy
    organisation: Organisation = Field(default_factory=Organisation)
    as_of: date | None = None
    nlp: str | None = None  # path of an NLP engine YAML; default config/nlp/nlp.yaml
    base_dir: Path = Path(".")

    @field_validator("sources", mode="before")
    @classmethod
    def _per_connector(cls, entries: object) -> object:
        """Entries given as mappings (not through build_config) are validated by their connector too."""
        if not isinstance(entries, list):
            return entries
        out = []
        for i, entry in enumerate(entries):
            settings, errors = source_settings(entry, (i,))
            if errors:
                raise ValueError("; ".join(_source_error("sources", e) for e in errors))
            out.append(settings)
        return out

    def resolve(self, path: str) -> Path:
        """Paths in the config are relative to the config file's folder."""
        p = Path(path).expanduser()
        return p if p.is_absolute() else (self.base_dir / p).resolve()


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def default_policy() -> dict[str, Any]:
    """config/default_policy.yaml, with each entity type's consent category from the entity catalogue
    (config/entities.yaml), so a school's avgscan.yaml can still override one type."""
    with open(CONFIG_DIR / "default_policy.yaml", encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    categories = data.setdefault("categories", {})
    categories["entity_types"] = {**catalogue().consent_categories, **(categories.get("entity_types") or {})}
    return data


def build_policy(*overrides: dict[str, Any] | None, origin: str = "policy") -> Policy:
    """The default policy with `overrides` merged over it in turn, as a school's `policy:` is; a rule's
    YAML cases use it to try a rule under another policy (`configs:`)."""
    merged = default_policy()
    for override in overrides:
        merged = _deep_merge(merged, override or {})
    try:
        return Policy.model_validate(merged)
    except ValidationError as err:
        raise ConfigError(format_validation(origin, Policy, err.errors())) from None


def build_config(raw: dict[str, Any], origin: str, base_dir: Path) -> ScanConfig:
    """Validate a config mapping; errors name `origin` and the key."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{origin}: " + say("verwacht sleutels met waarden (sources:, records:, ...) op het "
                                                "hoogste niveau", "expected a mapping of keys at the top level"))
    refuse_passwords(raw, origin)
    data = dict(raw)
    data["policy"] = _deep_merge(default_policy(), raw.get("policy") or {})
    data["base_dir"] = base_dir
    source_errors: list[dict[str, Any]] = []
    if isinstance(data.get("sources"), list):
        settings = [source_settings(entry, ("sources", i)) for i, entry in enumerate(data["sources"])]
        source_errors = [e for _, errors in settings for e in errors]
        data["sources"] = [s for s, _ in settings if s is not None]
    try:
        cfg = ScanConfig.model_validate(data)
        errors: list[dict[str, Any]] = []
    except ValidationError as err:
        errors = list(err.errors())
    if source_errors or errors:
        lines = [_source_error(origin, e) for e in source_errors]
        if errors:
            lines.append(format_validation(origin, ScanConfig, errors))
        raise ConfigError("\n".join(lines)) from None
    if not cfg.sources:
        raise ConfigError(f"{origin}: sources: " + say("minstens één bron is nodig", "at least one source is needed"))
    names = [s.name for s in cfg.sources]
    for i, src in enumerate(cfg.sources):
        src.anchor(cfg.resolve)
        if names.count(src.name) > 1:
            raise ConfigError(f"{origin}: sources[{i}].name: {src.name!r} "
                              + say("komt twee keer voor", "is used twice"))
    cfg.policy.check_roles(cfg, origin)
    _anchor_records(cfg)
    return cfg


def _source_error(origin: str, error: dict[str, Any]) -> str:
    """'file: sources[0].folder_patern: onbekende sleutel; bedoelde u `folder_pattern`?' for an error in
    a source's settings, with suggestions from that connector's own model."""
    loc = tuple(error["loc"])
    key = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")
    model = error.get("model")
    keys = known_keys(model, error["in_model"]) if model is not None else []
    return f"{origin}: {key}: {validation_message(error, keys)}"


def _anchor_records(cfg: ScanConfig) -> None:
    """Relative SQLite files of the record tables are relative to the config file, not the cwd."""
    for spec in (cfg.records.pupil_register, cfg.records.consents, cfg.records.staff, cfg.records.parents,
                 cfg.records.disclosures):
        if spec and spec.url and spec.url.startswith("sqlite:///") and not spec.url.startswith("sqlite:////"):
            spec.url = f"sqlite:///{cfg.resolve(spec.url[len('sqlite:///'):])}"


def load_config(path: str | Path) -> ScanConfig:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"{path}: " + say("kan het configuratiebestand niet lezen", "cannot read the config file")
                          + f" ({os_reason(err)})") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = say(f" regel {mark.line + 1}", f" line {mark.line + 1}") if mark else ""
        raise ConfigError(f"{path}:{where} " + say("is geen geldige YAML", "is not valid YAML")
                          + f" ({getattr(err, 'problem', err)})") from None
    return build_config(raw or {}, str(path), path.resolve().parent)


def quick_config(targets: list[str]) -> ScanConfig:
    """A config for `avgscan scan PATH_OR_URL...` without a file: default policy, no records."""
    sources = []
    for i, target in enumerate(targets):
        if target.startswith("smb://"):
            sources.append({"name": f"smb{i + 1}", "type": "smb", "url": target})
        elif "://" in target:
            sources.append({"name": f"db{i + 1}" if len(targets) > 1 else "database",
                            "type": "database", "url": target})
        elif Path(target).is_file():  # one file: its folder, with only this file and no subfolders
            file = Path(target).resolve()
            literal = "".join(f"[{c}]" if c in "*?[" else c for c in file.name)
            sources.append({"name": file.parent.name or f"folder{i + 1}", "type": "filesystem",
                            "path": str(file.parent), "include": [literal], "exclude": ["*/**"]})
        else:
            name = Path(target).name or f"folder{i + 1}"
            sources.append({"name": name, "type": "filesystem", "path": str(Path(target).resolve())})
    return build_config({"sources": sources}, "command line", Path.cwd())
