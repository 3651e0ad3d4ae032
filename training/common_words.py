"""Build config/lexicons/common_words.txt.gz: Dutch words that are never written as a proper noun.

Source: the OpenTaal word list (Debian package `wdutch`, /usr/share/dict/dutch; BSD or CC BY 3.0,
(c) OpenTaal, Simon Brouwer, Sander van Geloven). A lower-case entry whose capitalised form is not an
entry of its own ('scholing', 'inhoud', 'gaslucht') is an ordinary word; 'roos' is left out because
'Roos' is listed too (a first name). The NER's single-word PERSON spans that are such a word have no
name evidence (scanner/detection/name_evidence.py).

    apt-get install wdutch && python training/common_words.py
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "config" / "lexicons" / "common_words.txt.gz"
MIN_LETTERS = 3


def common_words(entries: list[str]) -> list[str]:
    listed = set(entries)
    return sorted({w for w in entries if w.islower() and w.isalpha() and len(w) >= MIN_LETTERS
                   and w[:1].upper() + w[1:] not in listed})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wordlist", default="/usr/share/dict/dutch")
    a = ap.parse_args()
    entries = Path(a.wordlist).read_text(encoding="utf-8").split("\n")
    words = common_words([e.strip() for e in entries if e.strip()])
    header = ("# Dutch words never written as a proper noun, from the OpenTaal word list (BSD or CC BY 3.0,\n"
              "# (c) OpenTaal); built by training/common_words.py.\n")
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:  # mtime 0: the same list gives the same bytes
        fh.write((header + "\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words)} words -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
