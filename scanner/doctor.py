"""`avgscan doctor`: what this machine has and lacks for a complete scan, with the command that fixes it.

OCR of scans and old Word files need programs outside Python (Debian packages); without them those
files end up unreadable in the report. Better to learn that before the first scan of a real share.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from dataclasses import dataclass

from config import CONFIG_DIR


@dataclass
class Check:
    what: str
    ok: bool
    needed_for: str
    fix: str
    required: bool = False


def checks() -> list[Check]:
    from connectors.extractors.ocr import available_languages

    langs = available_languages()
    model = CONFIG_DIR / "nlp" / "nl_school" / "meta.json"
    return [
        Check("Python 3.11 of nieuwer", sys.version_info >= (3, 11), "avgscan zelf",
              "installeer Python 3.11+ (Debian 12: apt install python3 python3-venv)", required=True),
        Check("Nederlands taalmodel (config/nlp/nl_school)", model.exists(), "namen en bijzondere gegevens herkennen",
              "installeer avgscan opnieuw: pip install -e .", required=True),
        Check("tesseract", shutil.which("tesseract") is not None, "tekst in scans, foto's en gescande PDF's (OCR)",
              "sudo apt install tesseract-ocr tesseract-ocr-nld"),
        Check("Nederlandse taaldata voor tesseract (nld)", "nld" in langs, "OCR van Nederlandse tekst",
              "sudo apt install tesseract-ocr-nld"),
        Check("antiword", shutil.which("antiword") is not None, "oude Word-bestanden (.doc, Word 97-2003)",
              "sudo apt install antiword"),
        Check("dask (optioneel)", importlib.util.find_spec("distributed") is not None,
              "--executor dask (scannen op meerdere machines)", "pip install 'avgscan[dask]'"),
        Check("keyring (optioneel)", importlib.util.find_spec("keyring") is not None,
              "wachtwoorden uit de sleutelbos van het systeem", "pip install 'avgscan[keyring]'"),
    ]


def report(out: object = None) -> bool:
    """Print every check; True when nothing required is missing."""
    found = checks()
    for c in found:
        mark = "OK     " if c.ok else ("ONTBREEKT" if c.required else "ontbreekt")
        print(f"{mark:9} {c.what} — {c.needed_for}" + ("" if c.ok else f"\n          oplossen: {c.fix}"), file=out)
    missing = [c for c in found if not c.ok]
    print("Alles aanwezig." if not missing else f"{len(missing)} onderdeel/onderdelen ontbreken; zonder de "
          "optionele worden die bestanden als onleesbaar gemeld.", file=out)
    return not any(c.required and not c.ok for c in found)


__all__ = ["Check", "checks", "report"]
