#!/bin/bash
# A first scan into a fresh --out and a rescan of the unchanged school, for each checkout in turn
# (benchmarks/README.md, "Issue 17: the merged result, side by side").
#   benchmarks/side_by_side.sh SCHOOL_DIR BEFORE_CHECKOUT AFTER_CHECKOUT [WORK_DIR]
# SCHOOL_DIR holds avgscan.yaml (e.g. built by scanner.demo.build_demo_school(..., pupils=1000,
# documents=6000, style="noorderkwartier", seed=7)). Runs from WORK_DIR, which must not be a checkout:
# `python -m` puts the current folder first on sys.path.
set -euo pipefail
school=$(realpath "$1"); before=$(realpath "$2"); after=$(realpath "$3"); work=${4:-/tmp/avgscan-side}
here=$(dirname "$(realpath "$0")")
mkdir -p "$work"; cd "$work"
for co in before after; do
  dir=$before; [ "$co" = after ] && dir=$after
  rm -rf "$work/out-$co"
  for run in first rescan; do
    echo "== $co $run ($dir)"
    /usr/bin/time -f "$co $run wall=%e cpu_user=%U cpu_sys=%S" env PYTHONPATH="$dir" \
      python "$here/peak_rss.py" python -m scanner.cli scan -c "$school/avgscan.yaml" --out "$work/out-$co" -q \
      --workers 2 2>&1 | grep -E "overtredingen in|^rc |^peak|wall=" || true
  done
done
