#!/usr/bin/env bash
# `headroom pull` against a real Prometheus (Debian's prometheus 2.42 and its promtool): weeks of
# vLLM counters backfilled with `promtool tsdb create-blocks-from openmetrics`, a server started on
# a free loopback port, and the pull checked against the increases computed directly from the same
# samples, exactly once, whole or not at all under SIGKILL, with clear errors for bad PromQL, a
# wrong URL, a timeout and a 503 (scripts/prometheus_check.py says what each check holds).
#
#   scripts/prometheus-check.sh [HEADROOM_BINARY]     (default .build/debug/headroom)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
binary=${1:-.build/debug/headroom}
[[ -x $binary ]] || { echo "prometheus-check: no headroom binary at $binary (build it first)" >&2; exit 2; }
scripts/ensure-packages.sh prometheus
work=$(mktemp -d)
# The Python side stops the server by its pid; this is the safety net if Python itself dies.
cleanup() {
    if [[ -s $work/prometheus.pid ]]; then kill "$(cat "$work/prometheus.pid")" 2>/dev/null || true; fi
    if [[ -n ${KEEP:-} ]]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
python3 scripts/prometheus_check.py "$binary" "$work"
