"""Build config/lexicons/opentaal_words.txt.gz: the OpenTaal word list, as the detection reads it.

Source: the OpenTaal word list (Debian package `wdutch`, /usr/share/dict/dutch; BSD or CC BY 3.0,
(c) OpenTaal, Simon Brouwer, Sander van Geloven). Single words only (no spaces, at least two letters).
`scanner/detection/name_evidence.py` reads it as two sets: lower-case entries (ordinary words) and
capitalised entries (proper nouns: places, institutions, brands and many surnames). A lower-case word
that is never also a proper noun ('scholing', 'inhoud'; not 'roos', since 'Roos' is listed too) is no
name; a compound of two lower-case words ('gymrooster') neither.

    apt-get install wdutch && python training/common_words.py
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "config" / "lexicons" / "opentaal_words.txt.gz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wordlist", default="/usr/share/dict/dutch")
    a = ap.parse_args()
    entries = sorted({e.strip() for e in Path(a.wordlist).read_text(encoding="utf-8").split("\n")
                      if len(e.strip()) >= 2 and " " not in e.strip()})
    header = ("# The OpenTaal word list (BSD or CC BY 3.0, (c) OpenTaal), single words; "
              "built by training/common_words.py.\n")
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:  # mtime 0: the same list gives the same bytes
        fh.write((header + "\n".join(entries) + "\n").encode("utf-8"))
    print(f"{len(entries)} entries -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
