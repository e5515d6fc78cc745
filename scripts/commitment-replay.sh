#!/usr/bin/env bash
# Reproduces docs/ACCURACY.md "Commitments bought once": replays traffic under the hybrid
# policy with the reservation bought once at the first replayed day by each commitment policy
# (headroom, lookback30, none) and held through the replay (the term shortened to the replay).
# Traffic: NAB nyc_taxi as chat-8b in us-east-1 (scripts/simulate-nab.sh's conversion, 7 months,
# no growth) and 26 weeks of the built-in demo traffic (4 models, 2 regions, growing 1-3.5 % a
# week), each with 28 and 56 training days.
# Usage: scripts/commitment-replay.sh   (prints one line per replay; JSON reports in out/)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" --product headroom >/dev/null
bin="$scratch/release/headroom"
mkdir -p out
nab="../shared/data/nab/nyc_taxi.csv"
if [ -f "$nab" ]; then
    [ -f out/sim-nyc_taxi.csv ] || scripts/simulate-nab.sh nyc_taxi >/dev/null
else
    echo "commitment-replay: $nab is absent (shared/data beside the repository); nyc_taxi skipped" >&2
fi
"$bin" demo-data --weeks 26 --end 2026-11-30 -o out/demo-26w.csv
for traffic in sim-nyc_taxi demo-26w; do
    [ -f "out/$traffic.csv" ] || continue
    for train in 28 56; do
        for policy in headroom lookback30 none; do
            report="out/commit-$traffic-$train-$policy.json"
            "$bin" simulate --traffic "out/$traffic.csv" --policy hybrid --train-days "$train" \
                --commitment-policy "$policy" --output "$report" >/dev/null
            python3 - "$report" "$traffic" "$train" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["commitment"]
nodes = sum(c["nodes"].values())
use = "-" if c.get("utilization") is None else "%.1f %%" % (100 * c["utilization"])
print("%-12s train %2s  %-10s  days %3d  nodes %2d  commitment use %7s  cost %10.0f USD  served %.3f %%" % (
    sys.argv[2], sys.argv[3], c["policy"], r["days"], nodes, use, r["total_cost"], 100 * r["served_fraction"]))
PY
        done
    done
done
