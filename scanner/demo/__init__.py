"""A realistic small Dutch special-education school, generated for `avgscan demo` and for benchmarks.

`build_demo_school(root)` writes, deterministically for a seed and a house style: a file share
(`share/`), the LAS database (`las.db`), the register and consent records (`records/`), the config
(`avgscan.yaml`) and the planted truth (`truth.json`, and `truth/` in the format of the shared scorer).
Every one of the eight rule codes has planted cases, next to compliant controls, exempt flows and a
document kept by law; every school also plants issue 13's traps (namesakes of former pupils among adults,
birth dates beside the word 'datum', split-name intake forms, streets without a street word, documents
that name their pupil only by folder or file name).

Modules, one job each: styles (who the school is, its layout and wording), names/numbers/people/care/
namesakes (who and what), pupil_docs/outbound_docs/school_docs/trap_docs (document contents), restyle
(the school's wording), writers (file formats), database, records, config_writer, planner (which case goes
where), truth (expected violations), truth_files/entities (the truth/ folder), scoring (scorers).
"""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.demo.styles import DEFAULT_STYLE, STYLE_NAMES, style_by_name

if TYPE_CHECKING:
    from scanner.demo.planner import AS_OF, plan_school
    from scanner.demo.truth import score

# Imported when first asked for: `avgscan scan` names the house styles in its help (scanner.demo.styles, a
# subpackage, runs this file first) and must not load the generator (Faker, the document writers) for that.
_LAZY = {"AS_OF": "scanner.demo.planner", "plan_school": "scanner.demo.planner", "score": "scanner.demo.truth"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

GENERATED = ("share", "records", "las.db", "truth.json", "truth", "avgscan.yaml")


def build_demo_school(root: Path, seed: int = 2026, pupils: int = 60, documents: int | None = None,
                      style: str = DEFAULT_STYLE) -> Path:
    """Create the demo school under `root` and return the path of its avgscan.yaml.

    What this function generated before in `root` is replaced; nothing else there is touched."""
    from scanner.demo.config_writer import write_config
    from scanner.demo.database import write_database
    from scanner.demo.planner import plan_school
    from scanner.demo.records import write_records
    from scanner.demo.truth import write_truth
    from scanner.demo.truth_files import write_truth_files
    from scanner.demo.writers import write_doc

    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for name in GENERATED:
        target = root / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    plan = plan_school(seed, pupils, documents, style=style)
    share = root / "share"
    for doc in plan.docs:
        write_doc(share, doc)
    open_tops = tuple(f.split("/")[0] for f in style_by_name(style).open_folders)
    for folder in sorted({p for p in share.rglob("*") if p.is_dir()}, key=lambda p: len(p.parts), reverse=True):
        folder.chmod(0o755 if folder.relative_to(share).as_posix().startswith(open_tops) else 0o750)
        newest = max((c.stat().st_mtime for c in folder.iterdir()), default=0)
        os.utime(folder, (newest, newest))  # folder dates follow their files: the same seed, the same tree
    share.chmod(0o750)
    write_database(root / "las.db", plan)
    write_records(root / "records", plan)
    write_truth(root / "truth.json", plan)
    write_truth_files(root / "truth", plan, share)
    return write_config(root / "avgscan.yaml", plan)


__all__ = ["AS_OF", "STYLE_NAMES", "build_demo_school", "plan_school", "score"]
