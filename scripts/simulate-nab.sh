#!/usr/bin/env bash
# Reproduces the "Replay simulator" tables of docs/ACCURACY.md: converts NAB series from
# ../shared/data/nab into the ingestion format as chat-8b's requests in us-east-1 (5-minute
# steps), every series scaled by one rule: the median of its days' busiest steps runs at 32 req/s,
# the daily peak of chat-8b in us-east-1 in the demo traffic (Sources/Traffic/DemoProfile.swift),
# and replays each under the four policies with a release build of `headroom simulate` (its
# default hybrid settings: plan on the forecast q0.9 at 80 % utilisation, correction to the
# SLO capacity). Training days follow each series' length: 28 for the 7-month taxi, 14 for the
# 2-month Twitter series, 7 for the 2-week ELB series.
# With nyc_taxi, the taxi is also replayed as the batch model batch-summarize (4-hour deadline)
# scaled by the same rule to its demo daily peak, 4 req/s.
# Usage: scripts/simulate-nab.sh [SERIES ...]   (default: all seven NAB series at hand)
# SIMULATE_FLAGS (words, e.g. "--hybrid-quantile 0.9") are passed to every `headroom simulate`.
set -euo pipefail
cd "$(dirname "$0")/.."
data="../shared/data/nab"
if [ ! -d "$data" ]; then
    echo "simulate-nab: $data is absent: the NAB data (shared/data beside the repository) is needed; nothing simulated" >&2
    exit 2
fi
series=("$@")
if [ ${#series[@]} -eq 0 ]; then
    series=(nyc_taxi Twitter_volume_GOOG Twitter_volume_AAPL Twitter_volume_AMZN Twitter_volume_FB
            Twitter_volume_IBM elb_request_count_8c0756)
fi
scratch="${SCRATCH:-.build-sim}"
swift build -c release --scratch-path "$scratch" --product headroom >/dev/null
bin="$scratch/release/headroom"
read -r -a extra <<< "${SIMULATE_FLAGS:-}"
mkdir -p out
for name in "${series[@]}"; do
    file="$data/$name.csv"
    if [ ! -f "$file" ]; then
        echo "simulate-nab: $file is absent" >&2
        exit 2
    fi
    case "$name" in
        nyc_taxi) native=1800; train=28 ;;   # 7 months at 30 min: four weeks of training
        Twitter_*) native=300; train=14 ;;   # about two months at 5 min, bursty
        *) native=300; train=7 ;;            # ELB: two weeks at 5 min
    esac
    python3 scripts/nab-to-ingest.py --input "$file" --native-step "$native" --step 300 --peak-rps 32 \
        --scale-on daily-peak --model chat-8b --region us-east-1 "out/sim-$name.csv"
    echo "== $name as chat-8b/us-east-1, --train-days $train"
    echo "\$ headroom simulate --traffic out/sim-$name.csv --policy all --train-days $train --output out/sim-$name.json${SIMULATE_FLAGS:+ $SIMULATE_FLAGS}"
    /usr/bin/time -f "(%e s wall, %M KiB max RSS)" \
        "$bin" simulate --traffic "out/sim-$name.csv" --policy all --train-days "$train" --output "out/sim-$name.json" ${extra[@]+"${extra[@]}"}
    echo
done
case " ${series[*]} " in
    *" nyc_taxi "*)
        python3 scripts/nab-to-ingest.py --input "$data/nyc_taxi.csv" --native-step 1800 --step 300 --peak-rps 4 --scale-on daily-peak \
            --model batch-summarize --region us-east-1 out/sim-nyc_taxi-batch.csv
        echo "== nyc_taxi as batch-summarize/us-east-1 (daily peak 4 req/s), --train-days 28"
        echo "\$ headroom simulate --traffic out/sim-nyc_taxi-batch.csv --policy all --train-days 28 --output out/sim-nyc_taxi-batch.json${SIMULATE_FLAGS:+ $SIMULATE_FLAGS}"
        /usr/bin/time -f "(%e s wall, %M KiB max RSS)" \
            "$bin" simulate --traffic out/sim-nyc_taxi-batch.csv --policy all --train-days 28 --output out/sim-nyc_taxi-batch.json ${extra[@]+"${extra[@]}"}
        ;;
esac
