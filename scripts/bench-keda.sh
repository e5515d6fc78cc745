#!/usr/bin/env bash
# Load on KEDA's external scaler (docs/BENCHMARKS.md, "KEDA external scaler"): a release build of
# `headroom serve` over a demo database (its clock fixed inside the plan by HEADROOM_TEST_NOW),
# and in the same run the reference, `headroom bench keda-reference` (the same gRPC service
# answering constants: grpc-swift's own cost). `headroom bench keda` (grpc-swift's client, in
# another process) keeps CONCURRENCY GetMetrics calls in flight on one HTTP/2 connection for
# SECONDS against each, and prints calls/s and latency quantiles.
# With PYTHON_CLIENT=1, grpcio's asyncio client (scripts/keda_load.py, the venv of
# scripts/keda-check.sh) loads each server too.
#   scripts/bench-keda.sh        CONCURRENCY=64 SECONDS_OF_LOAD=10 by default
set -euo pipefail
cd "$(dirname "$0")/.."
concurrency=${CONCURRENCY:-64}
seconds=${SECONDS_OF_LOAD:-10}
swift build -c release --product headroom >/dev/null
bin=.build/release/headroom
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
"$bin" demo --db "$work/bench.sqlite" --weeks 2 --end 2026-11-24 --once > /dev/null
HEADROOM_TEST_NOW=2026-11-24T08:00:10Z "$bin" serve --db "$work/bench.sqlite" --port 0 --keda-port 0 --log-level warning \
    > "$work/serve.log" 2>&1 &
pids+=($!)
"$bin" bench keda-reference > "$work/reference.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
    scaler=$(grep -o 'KEDA external scaler at [0-9.:]*' "$work/serve.log" | awk '{print $5}' || true)
    reference=$(grep -o 'KEDA reference scaler at [0-9.:]*' "$work/reference.log" | awk '{print $5}' || true)
    [[ -n $scaler && -n $reference ]] && break
    sleep 0.1
done
[[ -n $scaler && -n $reference ]] || { cat "$work"/*.log >&2; echo "bench-keda: a server did not start" >&2; exit 1; }
echo "headroom serve:  $("$bin" bench keda --address "$scaler" --concurrency "$concurrency" --seconds "$seconds")"
echo "reference:       $("$bin" bench keda --address "$reference" --concurrency "$concurrency" --seconds "$seconds")"
if [[ ${PYTHON_CLIENT:-0} == 1 ]]; then
    [[ -x .venv-keda/bin/python ]] || { echo "bench-keda: run scripts/keda-check.sh once first (it makes .venv-keda)" >&2; exit 2; }
    .venv-keda/bin/python -m grpc_tools.protoc -I Tests/Fixtures/keda --python_out="$work" --grpc_python_out="$work" \
        Tests/Fixtures/keda/externalscaler.proto
    echo "headroom serve:  $(PYTHONPATH="$work" .venv-keda/bin/python scripts/keda_load.py "$scaler" "$concurrency" "$seconds")"
    echo "reference:       $(PYTHONPATH="$work" .venv-keda/bin/python scripts/keda_load.py "$reference" "$concurrency" "$seconds")"
fi
