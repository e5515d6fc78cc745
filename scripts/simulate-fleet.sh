#!/usr/bin/env bash
# Cost at equal service level at fleet scale (issue 12; docs/ACCURACY.md, "Cost at equal service
# level"): every NAB series in ../shared/data/nab and the demo traffic's chat-8b in us-east-1,
# replayed as chat-8b on examples/fleet-scale.yaml (caps that never bind), each scaled so that the
# median of its days' busiest steps runs at 320 req/s (peaks of 50-150 replicas), with
# `headroom simulate --policy all --target-served P` for each target P (default 0.999 and 0.9999).
# Prints each replay's table, then one line per series and target: each policy's cost over the
# hindsight floor (with * when the target was not reached) and hybrid / reactive.
# Usage: scripts/simulate-fleet.sh [SERIES ...]   TARGETS="0.999" to choose the targets;
# SIMULATE_FLAGS (words, e.g. "--hybrid-quantile 0.5") are passed to every `headroom simulate`.
set -euo pipefail
cd "$(dirname "$0")/.."
data="../shared/data/nab"
if [ ! -d "$data" ]; then
    echo "simulate-fleet: $data is absent: the NAB data (shared/data beside the repository) is needed; nothing simulated" >&2
    exit 2
fi
series=("$@")
if [ ${#series[@]} -eq 0 ]; then
    series=(nyc_taxi Twitter_volume_GOOG Twitter_volume_AAPL Twitter_volume_AMZN Twitter_volume_FB
            Twitter_volume_IBM elb_request_count_8c0756 demo)
fi
read -r -a targets <<< "${TARGETS:-0.999 0.9999}"
read -r -a extra <<< "${SIMULATE_FLAGS:-}"
scratch="${SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" --product headroom >/dev/null
bin="$scratch/release/headroom"
mkdir -p out
summary=()
for name in "${series[@]}"; do
    traffic="out/fleet-$name.csv"
    case "$name" in
        demo)
            "$bin" demo-data --weeks 8 --end 2026-11-24 --output out/demo-traffic.csv
            python3 - out/demo-traffic.csv "$traffic" <<'PY'
import sys
# chat-8b's requests in us-east-1, ten times (its daily peak of 32 req/s -> 320 req/s).
with open(sys.argv[1]) as source, open(sys.argv[2], "w") as target:
    target.write(next(source))
    for line in source:
        timestamp, model, region, metric, value = line.rstrip("\n").split(",")
        if model == "chat-8b" and region == "us-east-1" and metric == "requests":
            target.write(f"{timestamp},{model},{region},{metric},{float(value) * 10}\n")
PY
            train=28 ;;
        *)
            file="$data/$name.csv"
            [ -f "$file" ] || { echo "simulate-fleet: $file is absent" >&2; exit 2; }
            case "$name" in
                nyc_taxi) native=1800; train=28 ;;
                Twitter_*) native=300; train=14 ;;
                *) native=300; train=7 ;;
            esac
            python3 scripts/nab-to-ingest.py --input "$file" --native-step "$native" --step 300 --peak-rps 320 \
                --scale-on daily-peak --model chat-8b --region us-east-1 "$traffic" ;;
    esac
    for target in "${targets[@]}"; do
        output="out/fleet-$name-$target${SIMULATE_FLAGS:+-flags}.json"
        echo "== $name, target $target"
        echo "\$ headroom simulate --traffic $traffic --config examples/fleet-scale.yaml --policy all --train-days $train --target-served $target --output $output${SIMULATE_FLAGS:+ $SIMULATE_FLAGS}"
        /usr/bin/time -f "(%e s wall)" "$bin" simulate --traffic "$traffic" --config examples/fleet-scale.yaml --policy all \
            --train-days "$train" --target-served "$target" --output "$output" ${extra[@]+"${extra[@]}"}
        summary+=("$(python3 - "$output" "$name" "$target" <<'PY'
import json, sys
reports = {r["policy"]: r for r in json.load(open(sys.argv[1]))}
def cell(policy):
    r = reports[policy]
    ratio = r.get("cost_vs_floor")
    return ("-" if ratio is None else f"{ratio:.3f}") + ("" if r["reached"] else "*")
hybrid, reactive = reports["hybrid"], reports["reactive"]
versus = f"{hybrid['total_cost'] / reactive['total_cost']:.3f}" if hybrid["reached"] and reactive["reached"] else "-"
print(f"| {sys.argv[2]} | {sys.argv[3]} | " + " | ".join(cell(p) for p in ["hybrid", "predictive", "reactive", "static"]) + f" | {versus} |")
PY
)")
        echo
    done
done
echo "cost / hindsight floor at the cheapest setting reaching the target (* = not reached: the best served shown)"
echo "| series | target | hybrid | predictive | reactive | static | hybrid / reactive |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${summary[@]}"
