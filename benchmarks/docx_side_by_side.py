"""Every Word file under the given folders read by extract_docx and by the python-docx extractor it replaced
(tests/test_docx_package.py's `reference_extract_docx`); prints the count and every difference.

    python benchmarks/docx_side_by_side.py /tmp/tp/school/share /tmp/dx/eval-dev ...

Word files attached to e-mails or inside zips are compared too. Equal means the same units (place,
text, record) in the same order and the same metadata, or, for a file neither reads, a failure of the
same kind (issue 17). Files are only read.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's scanner, not an installed one

from connectors.extractors import Limits, member_lister_for, suffix  # noqa: E402
from connectors.extractors.docx import extract_docx  # noqa: E402
from tests.test_docx_package import reference_extract_docx  # noqa: E402

SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}


def outcome(fn: object, data: bytes, name: str) -> object:
    try:
        content = fn(data, name)  # type: ignore[operator]
    except Exception as err:  # noqa: BLE001 - compared by kind, as the scan reports it
        return ("failed", type(err).__name__, str(err) if type(err).__name__ == "Unreadable" else "")
    return ([(u.place, u.text, u.record) for u in content.units], content.metadata)


def word_files(name: str, data: bytes, depth: int = 0) -> list[tuple[str, bytes]]:
    """(name, bytes) of the file if it is a Word file, else of the Word files in it (attachments, members)."""
    if suffix(name) in SUFFIXES:
        return [(name, data)]
    lister = member_lister_for(name)
    if lister is None or depth > 3:
        return []
    try:
        members = lister(data, name, Limits())
    except Exception:  # noqa: BLE001 - an unreadable container holds nothing to compare
        return []
    return [found for m in members if m.load is not None and m.reason is None
            for found in word_files(f"{name}!/{m.name}", m.load(), depth + 1)]


def main(folders: list[str]) -> int:
    compared = differing = failed = inside = 0
    for folder in folders:
        n = 0
        for path in sorted(Path(folder).rglob("*")):
            if not path.is_file() or (suffix(path.name) not in SUFFIXES and member_lister_for(path.name) is None):
                continue
            for name, data in word_files(str(path), path.read_bytes()):
                new, old = outcome(extract_docx, data, name), outcome(reference_extract_docx, data, name)
                n += 1
                inside += "!/" in name
                failed += isinstance(old, tuple) and old[0] == "failed"
                if new != old:
                    differing += 1
                    print(f"DIFFERENT {name}\n  new: {str(new)[:300]}\n  old: {str(old)[:300]}")
        print(f"{folder}: {n} files")
        compared += n
    print(f"compared {compared} files ({inside} of them attachments or archive members), {differing} different, "
          f"{failed} unreadable to both")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
