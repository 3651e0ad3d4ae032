"""Word 97-2003 (.doc) through Debian's `antiword`: paragraphs (tables come out as '|' rows).

No maintained pure-Python reader for the binary Word format exists; antiword is small, packaged by
Debian and reads what schools still have in old archives. Without it a .doc is reported as
unreadable with that reason, never skipped silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from connectors.extractors.office import OLE_MAGIC
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, TextUnit

TIMEOUT_S = 60


def antiword_text(data: bytes) -> str:
    exe = shutil.which("antiword")
    if exe is None:
        raise Unreadable("Word 97-2003 (.doc) niet ondersteund: het programma antiword ontbreekt")
    if data[:8] != OLE_MAGIC:
        raise Unreadable("geen geldig Word 97-2003-bestand (.doc)")
    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(data)
        tmp.flush()
        env = {**os.environ, "ANTIWORDHOME": "/usr/share/antiword", "LC_ALL": "C.UTF-8"}
        try:
            proc = subprocess.run([exe, "-m", "UTF-8.txt", "-w", "0", tmp.name], capture_output=True,
                                  timeout=TIMEOUT_S, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise Unreadable(f"time-out bij het lezen van .doc (meer dan {TIMEOUT_S} s)") from None
    err = proc.stderr.decode("utf-8", errors="replace")
    if "encrypted" in err.lower():
        raise Unreadable("versleuteld (met wachtwoord beveiligd) Word-bestand")
    if proc.returncode < 0:
        raise Unreadable("beschadigd .doc-bestand (antiword brak af)")
    if proc.returncode != 0:
        first = err.strip().splitlines()[0] if err.strip() else f"exitcode {proc.returncode}"
        raise Unreadable(f"beschadigd of niet ondersteund .doc-bestand ({first[:120]})")
    return proc.stdout.decode("utf-8", errors="replace")


def extract_doc(data: bytes, name: str) -> Content:
    text = antiword_text(data)  # -w 0: no wrapping, so one line is one paragraph (or table row)
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    units = [TextUnit(place=f"alinea {i}", text=line) for i, line in enumerate((x for x in lines if x), 1)]
    return Content(units=units)
