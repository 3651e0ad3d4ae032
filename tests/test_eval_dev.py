"""End to end on the labelled development school (../shared/eval-dev), scored by the shared scorer.

The floor is set below the measured score (benchmarks/README.md) so that a regression fails here;
the development school is not the one used to judge, so nothing here is tuned to its strings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml

from reports import write_all
from scanner.config import build_config
from scanner.pipeline import run_scan
from tests.conftest import SHARED

CONFIG = Path(__file__).resolve().parents[1] / "benchmarks" / "eval-dev.avgscan.yaml"


def test_eval_dev_scores(eval_dev: Path, tmp_path: Path) -> None:
    raw = yaml.safe_load(CONFIG.read_text(encoding="utf-8").replace("/tmp/eval-dev", str(eval_dev)))
    report = run_scan(build_config(raw, str(CONFIG), CONFIG.parent), as_of=date(2026, 11, 29), show_values=True)
    assert report.statistics["unreadable"] == 0
    write_all(report, tmp_path, ["json"])
    out = tmp_path / "score.json"
    subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(eval_dev), "--report",
                    str(tmp_path / "report.json"), "--json", str(out)], check=True, capture_output=True)
    score = json.loads(out.read_text(encoding="utf-8"))
    rules = score["violations"]
    assert rules["ALL"]["fp_on_controls"] == 0
    assert rules["ALL"]["f1"] >= 0.95, rules
    for rule, row in rules.items():
        assert row["f1"] >= 0.8, (rule, row)
    ents = score["entities"]
    for etype in ("NL_BSN", "NL_ONDERWIJSNUMMER", "IBAN_CODE", "EMAIL_ADDRESS", "PHONE_NUMBER", "NL_POSTCODE"):
        assert ents[etype]["recall"] >= 0.98 and ents[etype]["decoy_hits"] == 0, (etype, ents[etype])
    assert ents["PERSON"]["recall"] >= 0.9 and ents["PERSON"]["precision_vs_decoys"] >= 0.98
    assert ents["HEALTH"]["recall"] >= 0.95 and ents["YOUTH_CARE"]["recall"] >= 0.95
