#!/usr/bin/env bash
# `headroom tune` on the fleet-scale series of scripts/simulate-fleet.sh (docs/ACCURACY.md,
# "Tuned settings per series"): each series' traffic (out/fleet-NAME.csv, made by that script)
# ingested into a database of its own, then tuned on examples/fleet-scale.yaml to chat-8b's
# slo_served (0.999) over its last DAYS whole days (default 14; 7 for the ELB series, which has
# 14 days in all). Prints each tune's table and its wall time.
# Usage: scripts/tune-fleet.sh [SERIES ...]
set -euo pipefail
cd "$(dirname "$0")/.."
series=("$@")
if [ ${#series[@]} -eq 0 ]; then
    series=(nyc_taxi Twitter_volume_AMZN elb_request_count_8c0756 demo)
fi
scratch="${SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" --product headroom >/dev/null
bin="$scratch/release/headroom"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for name in "${series[@]}"; do
    traffic="out/fleet-$name.csv"
    if [ ! -f "$traffic" ]; then
        echo "tune-fleet: $traffic is absent: run scripts/simulate-fleet.sh $name first (it needs ../shared/data/nab)" >&2
        exit 2
    fi
    case "$name" in
        elb_*) days=7 ;;
        *) days=14 ;;
    esac
    "$bin" ingest "$traffic" --db "$work/$name.sqlite" --step 5m >/dev/null
    echo "== $name"
    echo "\$ headroom tune --db $name.sqlite --config examples/fleet-scale.yaml --days $days"
    start=$(date +%s.%N)
    "$bin" tune --db "$work/$name.sqlite" --config examples/fleet-scale.yaml --days "$days"
    printf 'wall: %.1f s\n\n' "$(echo "$(date +%s.%N) - $start" | bc)"
done
