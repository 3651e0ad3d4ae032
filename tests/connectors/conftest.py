"""Real servers for the connector tests: a private Samba (smbd) and throwaway databases.

Samba runs from its own smb.conf in a temporary folder (private passdb, lock/pid/state dirs) on
127.0.0.1 and a free non-standard port, with a staff-only share and an open share; it is stopped
afterwards. PostgreSQL (127.0.0.1:5432) and MariaDB (127.0.0.1:3306) are the machine's servers; each
test database is created with a random name and dropped at the end. A test skips with the reason
only when the server software is absent; CI installs and starts all of it (.ci/*.sh).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from connectors import connector
from connectors.base import SourceSettings
from tests.standins.fixtures import drive, graph  # noqa: F401  (the cloud stand-ins, as fixtures)

SMB_USER = "nobody"  # exists on every Debian system; smbd needs a Unix account behind the SMB user
SMB_PASSWORD = "Avgscan-Test-" + secrets.token_hex(4)


def source_config(**values: Any) -> SourceSettings:
    """The settings of the connector that `type` names, validated by that connector's own Config."""
    values.setdefault("name", "bron")
    return connector(values["type"]).Config(**values)  # type: ignore[no-any-return]


def free_port(preferred: int) -> int:
    for port in [preferred, *range(preferred + 1, preferred + 50)]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port near {preferred}")


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


# -- Samba -----------------------------------------------------------------------------------------
@dataclass
class Samba:
    host: str
    port: int
    user: str
    password: str
    staff: Path  # folder behind smb://host:port/staff (only the test user)
    open: Path  # folder behind smb://host:port/open
    conf: Path  # the private smb.conf (for `net groupmap`)

    def url(self, share: str) -> str:
        return f"smb://{self.host}:{self.port}/{share}"


SMB_CONF = """[global]
  netbios name = AVGSCANTEST
  workgroup = AVGSCAN
  server role = standalone server
  smb ports = {port}
  interfaces = 127.0.0.1
  bind interfaces only = yes
  disable netbios = yes
  private dir = {d}/private
  lock directory = {d}/lock
  state directory = {d}/state
  cache directory = {d}/cache
  pid directory = {d}/pid
  ncalrpc dir = {d}/ncalrpc
  log file = {d}/log.smbd
  log level = 1
  passdb backend = tdbsam:{d}/private/passdb.tdb
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  server min protocol = SMB2_10
  map to guest = never
  guest account = {user}
[staff]
  path = {d}/shares/staff
  read only = yes
  valid users = {user}
[open]
  path = {d}/shares/open
  read only = yes
"""


@pytest.fixture(scope="session")
def samba() -> Iterator[Samba]:
    smbd, smbpasswd = shutil.which("smbd") or "/usr/sbin/smbd", shutil.which("smbpasswd")
    if not os.path.exists(smbd) or not smbpasswd:
        pytest.skip("Samba (smbd, smbpasswd) is not installed; .ci/system-packages.sh installs it")
    if os.geteuid() != 0:
        pytest.skip("smbd must run as root to serve files as the test user")
    base = Path(tempfile.mkdtemp(prefix="avgscan-smb-"))
    base.chmod(0o755)
    for sub in ("private", "lock", "state", "cache", "pid", "ncalrpc", "shares/staff", "shares/open"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    (base / "shares").chmod(0o755)
    port = free_port(4450)
    conf = base / "smb.conf"
    conf.write_text(SMB_CONF.format(port=port, d=base, user=SMB_USER), encoding="utf-8")
    subprocess.run([smbpasswd, "-c", str(conf), "-s", "-a", SMB_USER], input=f"{SMB_PASSWORD}\n{SMB_PASSWORD}\n",
                   text=True, check=True, capture_output=True)
    log = open(base / "smbd.out", "wb")
    proc = subprocess.Popen([smbd, "--foreground", "--no-process-group", "-s", str(conf), "--debug-stdout"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while not port_open(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("smbd did not start: " + (base / "smbd.out").read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        staff, open_share = base / "shares" / "staff", base / "shares" / "open"
        for folder in (staff, open_share):
            shutil.chown(folder, SMB_USER)
        yield Samba("127.0.0.1", port, SMB_USER, SMB_PASSWORD, staff, open_share, conf)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # smbd and the helpers it forked, all in its own group
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def smb_env(samba: Samba, monkeypatch: pytest.MonkeyPatch) -> Samba:
    """Credentials as a school passes them: environment variables, not the config file."""
    monkeypatch.setenv("AVGSCAN_SMB_USER", samba.user)
    monkeypatch.setenv("AVGSCAN_SMB_PASSWORD", samba.password)
    return samba


def place_file(folder: Path, rel: str, data: bytes, mode: int = 0o640, owner: str | None = SMB_USER) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    for parent in [path.parent, *path.parent.parents]:
        if parent == folder:
            break
        parent.chmod(0o755)
        if owner:
            shutil.chown(parent, owner)
    path.write_bytes(data)
    path.chmod(mode)
    if owner:
        shutil.chown(path, owner)
    return path


# -- databases ---------------------------------------------------------------------------------------
def _server_database(admin_url: str, url_for: str, port: int, what: str) -> Iterator[str]:
    if not port_open(port):
        pytest.skip(f"{what} is not running on 127.0.0.1:{port}; .ci/start-services.sh starts it")
    name = f"avgscan_test_{secrets.token_hex(4)}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {name}"))
        yield url_for.format(name=name)
    finally:
        with admin.connect() as conn:
            force = " WITH (FORCE)" if admin.dialect.name == "postgresql" else ""
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name}{force}"))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    pytest.importorskip("psycopg")
    yield from _server_database("postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
                                "postgresql+psycopg://postgres@127.0.0.1:5432/{name}", 5432, "PostgreSQL")


@pytest.fixture
def mariadb_url() -> Iterator[str]:
    pytest.importorskip("pymysql")
    yield from _server_database("mysql+pymysql://root@127.0.0.1:3306/", "mysql+pymysql://root@127.0.0.1:3306/{name}",
                                3306, "MariaDB")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'las.db'}"


SCHOOL_SCHEMA = [
    "CREATE TABLE leerlingen (id INTEGER PRIMARY KEY, leerlingnummer VARCHAR(20) NOT NULL, naam VARCHAR(100), "
    "bsn VARCHAR(9))",
    "CREATE TABLE zorgnotities (id INTEGER PRIMARY KEY, leerling_id INTEGER NOT NULL REFERENCES leerlingen(id), "
    "datum DATE, tekst VARCHAR(400))",
    "CREATE TABLE cijfers (leerling_id INTEGER NOT NULL, vak VARCHAR(40) NOT NULL, periode INTEGER NOT NULL, "
    "cijfer VARCHAR(10), PRIMARY KEY (leerling_id, vak, periode))",
    "CREATE TABLE logboek (tijd VARCHAR(30), melding VARCHAR(200))",
]


def fill_school(url: str, extra_rows: int = 0) -> None:
    """The same small school in any database: keyed, composite-keyed and keyless tables."""
    engine = sa.create_engine(url.replace("?mode=ro", ""))
    with engine.begin() as conn:
        for statement in SCHOOL_SCHEMA:
            conn.execute(sa.text(statement))
        conn.execute(sa.text("INSERT INTO leerlingen VALUES (1, '20118', 'Sanne de Vries', '111222333'), "
                             "(2, '20119', 'Daan Bakker', NULL)"))
        conn.execute(sa.text("INSERT INTO zorgnotities VALUES (10, 1, '2025-03-01', 'Sanne heeft dyslexie'), "
                             "(11, 2, '2025-04-02', 'Daan krijgt logopedie')"))
        conn.execute(sa.text("INSERT INTO cijfers VALUES (1, 'rekenen', 1, '7,5'), (1, 'taal', 1, '6'), "
                             "(2, 'rekenen', 2, '8')"))
        conn.execute(sa.text("INSERT INTO logboek VALUES ('2025-01-01 08:00', 'Sanne ziek gemeld'), "
                             "('2025-01-02 08:00', 'Daan te laat')"))
        for i in range(extra_rows):
            conn.execute(sa.text("INSERT INTO zorgnotities VALUES (:id, 1, '2025-05-01', :t)"),
                         {"id": 100 + i, "t": f"notitie {i}"})
    engine.dispose()
