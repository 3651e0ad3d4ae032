"""OCR with Tesseract and its Dutch language data: scanned PDF pages and images (png, jpg, tiff, ...).

Schools scan signed forms, reports from youth care and doctor's letters; without OCR those would be
invisible. We call the `tesseract` binary (Debian tesseract-ocr + tesseract-ocr-nld) directly: no
Python wrapper is needed, and a time limit per page keeps one bad scan from stalling the scan.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess

from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, TextUnit

LANGUAGES = "nld+eng"
PAGE_TIMEOUT_S = 120
MAX_PAGES = 100
MAX_PIXELS = 60_000_000  # a larger 'image' is a decompression bomb, not a scan


@functools.lru_cache(maxsize=1)
def available_languages() -> frozenset[str]:
    exe = shutil.which("tesseract")
    if exe is None:
        return frozenset()
    proc = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    return frozenset(line.strip() for line in proc.stdout.splitlines()[1:] if line.strip())


def _languages() -> str:
    langs = available_languages()
    if "nld" not in langs:
        if not langs:
            raise Unreadable("OCR niet mogelijk: het programma tesseract ontbreekt (scan of afbeelding)")
        raise Unreadable("OCR niet mogelijk: Nederlandse taaldata voor Tesseract (tesseract-ocr-nld) ontbreekt")
    return "+".join(lang for lang in LANGUAGES.split("+") if lang in langs)


def ocr_image(image: bytes) -> str:
    """Text Tesseract reads in one image file (PNG/JPEG/TIFF bytes); multi-page TIFF pages end in \\f."""
    exe = shutil.which("tesseract") or "tesseract"
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one scan per core; Tesseract's threads only contend
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "-l", _languages(), "--psm", "3"], input=image,
                              capture_output=True, timeout=PAGE_TIMEOUT_S, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise Unreadable(f"time-out bij OCR (meer dan {PAGE_TIMEOUT_S} s voor één pagina)") from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise Unreadable(f"afbeelding kan niet worden gelezen door OCR ({(err[-1] if err else '')[:120]})")
    return proc.stdout.decode("utf-8", errors="replace")


def line_units(text: str, prefix: str) -> list[TextUnit]:
    return [TextUnit(place=f"{prefix}regel {i}", text=line)
            for i, line in enumerate(text.splitlines(), 1) if line.strip()]


def _check_image(data: bytes) -> None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
    except Image.DecompressionBombError:
        raise Unreadable("afbeelding te groot (mogelijk decompressiebom)") from None
    except Exception as err:
        raise Unreadable(f"beschadigde of onbekende afbeelding ({type(err).__name__})") from None
    if width * height > MAX_PIXELS:
        raise Unreadable(f"afbeelding te groot voor OCR ({width}x{height} pixels)")


def extract_image(data: bytes, name: str) -> Content:
    _check_image(data)
    pages = ocr_image(data).split("\f")
    units: list[TextUnit] = []
    multi = len([p for p in pages if p.strip()]) > 1
    for p, page in enumerate(pages[:MAX_PAGES], 1):
        units.extend(line_units(page, f"pagina {p} " if multi else ""))
    return Content(units=units, metadata={"ocr": True})
