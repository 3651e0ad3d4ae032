"""First scans of one school by several checkouts, in turns: wall, the scan process's CPU and its children's.

    python benchmarks/first_scans_in_turns.py SCHOOL_DIR ROUNDS CHECKOUT [CHECKOUT ...]

Why per process (issue 17, session 38): on two cores the workers' CPU and the parent's serial work trade places, and
the parent is what bounds a scan on more cores; a whole scan's wall time on this machine drifts by more than most
changes are worth, so the checkouts take turns and each scan says what its own process and its children used. Each
scan is the CLI's (`avgscan scan` with every report, two workers) into a fresh output folder, run by
`python -c` with PYTHONPATH naming the checkout, from a folder that is none (the current folder comes first on
sys.path). Prints one JSON line per scan.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ONE_SCAN = """
import json, resource, sys, time
t0 = time.monotonic()
from scanner.cli import main
try:
    main(["scan", "-c", sys.argv[1], "--out", sys.argv[2], "-q", "--workers", "2"])
except SystemExit:
    pass
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": round(time.monotonic() - t0, 2), "parent": round(own.ru_utime + own.ru_stime, 2),
                  "children": round(children.ru_utime + children.ru_stime, 2)}))
"""


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    school, rounds, checkouts = Path(sys.argv[1]).resolve(), int(sys.argv[2]), [Path(c).resolve() for c in sys.argv[3:]]
    work = Path(tempfile.mkdtemp(prefix="avgscan-turns-"))
    try:
        for n in range(rounds):
            for checkout in checkouts:
                out = work / "out"
                shutil.rmtree(out, ignore_errors=True)
                env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed
                env["PYTHONPATH"] = str(checkout)
                done = subprocess.run([sys.executable, "-c", ONE_SCAN, str(school / "avgscan.yaml"), str(out)],
                                      cwd=work, env=env, capture_output=True, text=True, check=False)
                result = json.loads(done.stdout.strip().splitlines()[-1])
                print(json.dumps({"round": n + 1, "code": str(checkout), **result}), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
