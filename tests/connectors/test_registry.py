"""The connector registry: a source's `type` picks its connector, which alone is imported, and which
alone validates the source's settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from connectors import CONNECTORS, UnknownConnector, connector
from connectors.base import SourceSettings
from scanner.config import ConfigError, build_config
from scanner.kernel.errors import AvgscanError

ROOT = Path(__file__).resolve().parents[2]


def test_unknown_type_is_refused_in_dutch_with_the_known_kinds() -> None:
    with pytest.raises(UnknownConnector) as err:
        connector("ftp")
    assert isinstance(err.value, AvgscanError)
    assert "onbekend brontype 'ftp'" in str(err.value)
    for kind in CONNECTORS:
        assert kind in str(err.value)


def test_unknown_type_in_a_config_names_the_key_and_the_kinds(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        build_config({"sources": [{"name": "s", "type": "filesystem", "path": "."},
                                  {"name": "t", "type": "sharepoint"}]}, "avgscan.yaml", tmp_path)
    assert ("avgscan.yaml: sources[1].type: onbekend brontype 'sharepoint'; bekende typen: database, filesystem, "
            "gdrive, m365, smb") in str(err.value)


@pytest.mark.parametrize("kind", sorted(CONNECTORS))
def test_every_connector_owns_a_config_and_an_opener(kind: str) -> None:
    module = connector(kind)
    assert issubclass(module.Config, SourceSettings)
    assert module.Config.model_fields["type"].default == kind
    assert callable(module.open_source)


def test_a_connectors_own_key_is_refused_elsewhere(tmp_path: Path) -> None:
    """`tables:` belongs to databases: on a folder it is a typo, named with the key."""
    with pytest.raises(ConfigError, match=r"sources\[0\]\.tables: onbekende sleutel"):
        build_config({"sources": [{"name": "s", "type": "filesystem", "path": ".", "tables": ["x"]}]}, "c", tmp_path)
    with pytest.raises(ConfigError, match=r"sources\[0\]\.batch_size: moet minstens 1 zijn"):
        build_config({"sources": [{"name": "d", "type": "database", "url": "sqlite:///x.db", "batch_size": 0}]},
                     "c", tmp_path)


def test_suggestions_come_from_the_connectors_own_model(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"sources\[0\]\.register_table: onbekende sleutel; bedoelde u "
                                          r"`register_tables`\?"):
        build_config({"sources": [{"name": "d", "type": "database", "url": "sqlite:///x.db",
                                   "register_table": ["leerlingen"]}]}, "c", tmp_path)


SCRIPT = """
import json, sys
from pathlib import Path
from scanner.config import build_config
build_config({"sources": [{"name": "s", "type": "filesystem", "path": "."}]}, "c", Path("."))
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("connectors", "smbprotocol")))))
"""


def test_a_config_imports_only_the_connectors_it_names() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    loaded = set(json.loads(out.stdout))
    assert "connectors.filesystem" in loaded
    assert not loaded & {m for k, m in CONNECTORS.items() if k != "filesystem"}
    assert not any(m.startswith("smbprotocol") for m in loaded)


CRAWL = """
import json, sys
from pathlib import Path
from connectors import open_source
from scanner.config import build_config
folder = Path(sys.argv[1])
cfg = build_config({"sources": [{"name": "s", "type": "filesystem", "path": str(folder)}]}, "c", folder)
items = list(open_source(cfg.sources[0]).crawl())
print(json.dumps({"items": {i.path: i.status for i in items},
                  "parsers": sorted(m for m in ("pypdf", "docx", "openpyxl", "odf") if m in sys.modules)}))
"""


def test_the_crawl_imports_no_extractor(tmp_path: Path) -> None:
    """A rescan answered from the cache reads no file: its crawl must not import pypdf, python-docx, openpyxl
    or odfpy only to learn that a .pdf is a format avgscan reads (a tenth of a rescan's imports)."""
    for name in ("verslag.pdf", "OPP.docx", "lijst.xlsx", "brief.odt", "foto.xyz"):
        (tmp_path / name).write_bytes(b"not parsed")
    out = subprocess.run([sys.executable, "-c", CRAWL, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    got = json.loads(out.stdout)
    assert got["parsers"] == []
    assert got["items"]["foto.xyz"] == "unreadable" and got["items"]["verslag.pdf"] == "scanned"
