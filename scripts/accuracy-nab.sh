#!/usr/bin/env bash
# Reproduces the accuracy table of docs/ACCURACY.md: converts the NAB series in ../shared/data/nab
# (hourly sums for all seven; nyc_taxi also at its native 30 minutes) and runs `headroom backtest`
# on a release build. Usage: scripts/accuracy-nab.sh [ORIGINS]   (default 5 held-out windows)
set -euo pipefail
cd "$(dirname "$0")/.."
origins="${1:-5}"
data="../shared/data/nab"
if [ ! -d "$data" ]; then
    echo "accuracy-nab: $data is absent: the NAB data (shared/data beside the repository) is needed; nothing measured" >&2
    exit 2
fi
mkdir -p out
python3 scripts/nab-to-series.py --step 3600 out/nab-hourly.csv
python3 scripts/nab-to-series.py --step 1800 --only nyc_taxi out/nab-taxi-30m.csv
scratch="${SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" --product headroom >/dev/null
bin="$scratch/release/headroom"
echo "== NAB, 1 hour (sum), horizon 48, $origins held-out windows"
"$bin" backtest --input out/nab-hourly.csv --horizon 48 --origins "$origins"
echo
echo "== nyc_taxi, 30 minutes, horizon 48, $origins held-out windows"
"$bin" backtest --input out/nab-taxi-30m.csv --horizon 48 --origins "$origins"
