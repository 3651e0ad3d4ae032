"""A realistic small Dutch special-education school, generated for `avgscan demo` and for benchmarks.

`build_demo_school(root)` writes, deterministically for a seed: a file share (`share/`), the LAS
database (`las.db`), the register and consent records (`records/`), the config (`avgscan.yaml`) and
the planted truth (`truth.json`). Every one of the eight rule codes has planted cases, next to
compliant controls, exempt flows and a document kept by law.

Modules, one job each: names/numbers/people/care (who and what), pupil_docs/outbound_docs/school_docs
(document contents), writers (file formats), database, records, config_writer, planner (which case goes
where), truth (expected violations and scoring).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scanner.demo.config_writer import write_config
from scanner.demo.database import write_database
from scanner.demo.planner import AS_OF, plan_school
from scanner.demo.records import write_records
from scanner.demo.truth import score, write_truth
from scanner.demo.writers import write_doc

GENERATED = ("share", "records", "las.db", "truth.json", "avgscan.yaml")


def build_demo_school(root: Path, seed: int = 2026, pupils: int = 60, documents: int | None = None) -> Path:
    """Create the demo school under `root` and return the path of its avgscan.yaml.

    What this function generated before in `root` is replaced; nothing else there is touched."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for name in GENERATED:
        target = root / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    plan = plan_school(seed, pupils, documents)
    share = root / "share"
    for doc in plan.docs:
        write_doc(share, doc)
    for folder in sorted({p for p in share.rglob("*") if p.is_dir()}, key=lambda p: len(p.parts), reverse=True):
        folder.chmod(0o755 if folder.relative_to(share).as_posix().startswith("Gedeeld") else 0o750)
    share.chmod(0o750)
    write_database(root / "las.db", plan)
    write_records(root / "records", plan)
    write_truth(root / "truth.json", plan)
    return write_config(root / "avgscan.yaml", plan)


__all__ = ["AS_OF", "build_demo_school", "plan_school", "score"]
