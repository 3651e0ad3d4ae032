#!/bin/bash
# Rescans of two checkouts in turn on copies of one first scan (benchmarks/README.md, "Issue 17: rescans
# that take the previous reports' unchanged parts over").
#   benchmarks/rescans_in_turn.sh SCHOOL_DIR FIRST_SCAN_OUT BEFORE_CHECKOUT AFTER_CHECKOUT [WORK_DIR] [ROUNDS]
# FIRST_SCAN_OUT is an --out folder holding a scan of SCHOOL_DIR (e.g. side_by_side.sh's out-before). Each
# checkout first rescans once unmeasured (the evaluation cache keys on the code), then ROUNDS rescans each,
# alternating. Runs from WORK_DIR, which must not be a checkout (`python -m` puts it first on sys.path).
set -uo pipefail
school=$(realpath "$1"); first=$(realpath "$2"); before=$(realpath "$3"); after=$(realpath "$4")
work=${5:-/tmp/avgscan-rescans}; rounds=${6:-2}
here=$(dirname "$(realpath "$0")")
mkdir -p "$work"; cd "$work"
run() {  # label checkout out
  # with compiled bytecode, as an installed avgscan has it (some shells set PYTHONDONTWRITEBYTECODE: then
  # every run compiles every module again, a third of an unchanged rescan)
  /usr/bin/time -f "$1 wall=%e cpu_user=%U cpu_sys=%S" env -u PYTHONDONTWRITEBYTECODE PYTHONPATH="$2" \
    python "$here/peak_rss.py" python -m scanner.cli scan -c "$school/avgscan.yaml" --out "$3" -q \
    --workers 2 2>&1 | grep -E "overtredingen in|^rc |^peaks|wall=" || true
}
rm -rf "$work/A" "$work/B"; cp -a "$first" "$work/A"; cp -a "$first" "$work/B"
run "before warm-up" "$before" "$work/A"
run "after warm-up" "$after" "$work/B"
for round in $(seq 1 "$rounds"); do
  echo "== round $round"
  run "before rescan" "$before" "$work/A"
  run "after rescan" "$after" "$work/B"
done
