"""Every OpenDocument text file under the given folders read by extract_odt and by odfpy's reading it replaced
(tests/test_odt_xml.py's `odfpy_reading`), file by file in turns; prints the count, both readers' CPU seconds
and every file they read differently.

    python benchmarks/odt_side_by_side.py /tmp/s37/school/share /tmp/s37/school6k/share /tmp/eval-dev/share

Equal means the same units (place, text, record) in the same order and the same metadata, or, for a file
neither reads, a failure of the same kind (issue 17). Files are only read. The two readers take turns per
file, so a change of the machine's speed during the run hits both alike.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's scanner, not an installed one

from connectors.extractors.odf import extract_odt  # noqa: E402
from tests.test_odt_xml import odfpy_reading  # noqa: E402


def outcome(fn: object, data: bytes, name: str) -> object:
    try:
        content = fn(data, name)  # type: ignore[operator]
    except Exception as err:  # noqa: BLE001 - compared by kind, as the scan reports it
        return ("failed", type(err).__name__)
    return ([(u.place, u.text, u.record) for u in content.units], content.metadata)


def main() -> None:
    files = sorted(f for folder in sys.argv[1:] for f in Path(folder).rglob("*")
                   if f.suffix.lower() in (".odt", ".ott"))
    cpu = {"odfpy": 0.0, "lxml": 0.0}
    differ = []
    for f in files:
        data = f.read_bytes()
        got = {}
        for label, fn in (("odfpy", odfpy_reading), ("lxml", extract_odt)):
            t = time.process_time()
            got[label] = outcome(fn, data, f.name)
            cpu[label] += time.process_time() - t
        if got["odfpy"] != got["lxml"]:
            differ.append(f)
    print(f"{len(files)} files; CPU odfpy {cpu['odfpy']:.2f} s, lxml {cpu['lxml']:.2f} s; "
          f"{len(differ)} read differently")
    for f in differ[:50]:
        print(f"  {f}")


if __name__ == "__main__":
    main()
