#!/usr/bin/env bash
# Reproduces the "Replay simulator" tables of docs/ACCURACY.md: converts NAB series from
# ../shared/data/nab into the ingestion format as chat-8b's requests in us-east-1 (5-minute
# steps, rescaled so the busiest step runs at 32 req/s) and replays each under the four policies
# with a release build of `headroom simulate`.
# Twitter series are bursty: their busiest step is an outlier, so they are scaled on their 99th
# percentile step instead (bursts then run above 32 req/s, up to the model's cap).
# With nyc_taxi, the taxi is also replayed as the batch model batch-summarize (4-hour deadline)
# with its busiest step at 4 req/s.
# Usage: scripts/simulate-nab.sh [SERIES ...]   (default: nyc_taxi Twitter_volume_GOOG)
set -euo pipefail
cd "$(dirname "$0")/.."
data="../shared/data/nab"
if [ ! -d "$data" ]; then
    echo "simulate-nab: $data is absent: the NAB data (shared/data beside the repository) is needed; nothing simulated" >&2
    exit 2
fi
series=("$@")
if [ ${#series[@]} -eq 0 ]; then series=(nyc_taxi Twitter_volume_GOOG); fi
scratch="${SCRATCH:-.build-sim}"
swift build -c release --scratch-path "$scratch" --product headroom >/dev/null
bin="$scratch/release/headroom"
mkdir -p out
for name in "${series[@]}"; do
    file="$data/$name.csv"
    if [ ! -f "$file" ]; then
        echo "simulate-nab: $file is absent" >&2
        exit 2
    fi
    case "$name" in
        nyc_taxi) native=1800; train=28; quantile=1 ;;   # 7 months at 30 min: four weeks of training
        Twitter_*) native=300; train=14; quantile=0.99 ;; # about two months at 5 min, bursty
        *) native=300; train=7; quantile=1 ;;             # ELB: two weeks at 5 min
    esac
    python3 scripts/nab-to-ingest.py --input "$file" --native-step "$native" --step 300 --peak-rps 32 \
        --peak-quantile "$quantile" \
        --model chat-8b --region us-east-1 "out/sim-$name.csv"
    echo "== $name as chat-8b/us-east-1, --train-days $train"
    echo "\$ headroom simulate --traffic out/sim-$name.csv --policy all --train-days $train --output out/sim-$name.json"
    /usr/bin/time -f "(%e s wall, %M KiB max RSS)" \
        "$bin" simulate --traffic "out/sim-$name.csv" --policy all --train-days "$train" --output "out/sim-$name.json"
    echo
done
case " ${series[*]} " in
    *" nyc_taxi "*)
        python3 scripts/nab-to-ingest.py --input "$data/nyc_taxi.csv" --native-step 1800 --step 300 --peak-rps 4 \
            --model batch-summarize --region us-east-1 out/sim-nyc_taxi-batch.csv
        echo "== nyc_taxi as batch-summarize/us-east-1 (peak 4 req/s), --train-days 28"
        echo "\$ headroom simulate --traffic out/sim-nyc_taxi-batch.csv --policy all --train-days 28 --output out/sim-nyc_taxi-batch.json"
        /usr/bin/time -f "(%e s wall, %M KiB max RSS)" \
            "$bin" simulate --traffic out/sim-nyc_taxi-batch.csv --policy all --train-days 28 --output out/sim-nyc_taxi-batch.json
        ;;
esac
