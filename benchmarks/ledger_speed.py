"""The ledger of two checkouts side by side: writing 88 000 findings, one read pass, lookups by position.

    python benchmarks/ledger_speed.py BEFORE_CHECKOUT AFTER_CHECKOUT

CPU seconds in one process, each class twice in turn (the findings look like a school's: a few
recognizers and entity types, paths per dossier).
"""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from pathlib import Path

from scanner.kernel.model import Finding


def ledger_class(checkout: str, name: str) -> type:
    spec = importlib.util.spec_from_file_location(name, Path(checkout) / "scanner" / "kernel" / "ledger.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Ledger  # type: ignore[no-any-return]


def main() -> None:
    rng = random.Random(1)
    findings = [Finding(source="share", path=f"Leerlingen/groep {i % 8}/dossier {i // 8}.docx", place=f"p{i % 40}",
                        entity_type=rng.choice(["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "DATE_OF_BIRTH"]),
                        score=0.85, evidence="J*** d* V***", recognizer="SpacyRecognizer", value="", start=i,
                        end=i + 10, leerlingnummer=str(20000 + i % 1000), person_kind="pupil", sentence=3,
                        key="ab" * 16) for i in range(88_000)]
    classes = {"before": ledger_class(sys.argv[1], "ledger_before"), "after": ledger_class(sys.argv[2], "ledger_after")}
    for name in ("before", "after", "before", "after"):
        t0 = time.process_time()
        ledger = classes[name]()
        ledger.extend(findings)
        ledger[0:1]  # everything written
        write = time.process_time() - t0
        t0 = time.process_time()
        sum(1 for _ in ledger)
        read = time.process_time() - t0
        print(f"{name}: write {write:.2f} s, one read pass {read:.2f} s (CPU)")


if __name__ == "__main__":
    main()
