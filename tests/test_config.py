"""The config is validated on load and every error names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import CONFIG_DIR
from scanner.config import ConfigError, load_config, quick_config


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "avgscan.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_example_config_loads_with_default_policy() -> None:
    cfg = load_config(CONFIG_DIR / "example.avgscan.yaml")
    assert cfg.policy.retention.default_years == 3
    assert cfg.policy.retention.roles["administration"] == 5
    assert [g.giver for g in cfg.policy.consent.givers] == ["ouder", "ouder+leerling", "leerling"]
    assert "Leerplicht" in cfg.policy.exempt_parties


@pytest.mark.parametrize(("text", "fragment"), [
    ("sources: []\n", "sources: minstens één bron"),
    ("sources:\n  - {name: s, type: filesystem}\n", "sources[0].path"),
    ("sources:\n  - {name: s, type: database}\n", "sources[0].url"),
    ("sources:\n  - {name: s, type: ftp, path: x}\n", "sources[0].type"),
    ("sources:\n  - {name: s, type: filesystem, path: x, roles: {A: opn}}\n", "rol 'opn'"),
    ("sources:\n  - {name: s, type: filesystem, path: x, rols: {}}\n",
     "sources[0].rols: onbekende sleutel; bedoelde u `roles`?"),
    ("sources:\n  - {name: s, type: filesystem, path: x}\npolicy: {retention: {default_years: drie}}\n",
     "policy.retention.default_years"),
    ("sources:\n  - {name: s, type: filesystem, path: x}\n  - {name: s, type: filesystem, path: y}\n",
     "komt twee keer voor"),
    ("sources: [\n", "geen geldige YAML"),
    ("sources:\n  - {name: s, type: filesystem, path: x}\npolicy: {retention: {roles: {adminstration: 5}}}\n",
     "policy.retention.roles.adminstration: rol 'adminstration' is niet een van administration,"),
    ("sources:\n  - {name: s, type: filesystem, path: x}\npolicy: {roles: {archive: [bsn_alowed]}}\n",
     "policy.roles.archive[0]"),
])
def test_errors_name_the_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert fragment in str(err.value)
    assert str(path) in str(err.value)


def test_policy_override_keeps_other_defaults(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path, "sources:\n  - {name: s, type: filesystem, path: share}\n"
                                       "policy: {retention: {default_years: 2}}\n"))
    assert cfg.policy.retention.default_years == 2
    assert cfg.policy.retention.roles["administration"] == 5
    assert cfg.resolve("share") == (tmp_path / "share").resolve()


def test_a_school_defines_its_own_role(tmp_path: Path) -> None:
    """Which roles exist and what they mean is policy: a school's own role is accepted once its policy
    says what it means, and the shipped roles keep theirs."""
    cfg = load_config(_write(tmp_path, "sources:\n  - {name: s, type: filesystem, path: x, roles: {Verwijzingen: "
                                       "referrals}}\npolicy: {roles: {referrals: [shared_with_party]}}\n"))
    assert cfg.policy.role_means("referrals", "shared_with_party") and cfg.policy.role_means("open", "open_to_everyone")
    assert cfg.policy.roles_meaning("bsn_allowed") == ["administration"]
    assert not cfg.policy.role_means(None, "bsn_allowed")


def test_quick_config_for_folders_and_urls(tmp_path: Path) -> None:
    cfg = quick_config([str(tmp_path), "sqlite:///x.db"])
    assert [s.type for s in cfg.sources] == ["filesystem", "database"]
    assert cfg.records.pupil_register is None
