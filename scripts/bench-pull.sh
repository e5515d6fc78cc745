#!/usr/bin/env bash
# Pull benchmark: `headroom pull` (release build) from a local Prometheus against curl fetching the
# same query_range requests, in one run (scripts/bench_pull.py says what is measured).
#
#   scripts/bench-pull.sh [RUNS]     (default 5)
#
# The 28-day history of 102 series is backfilled with promtool into bench-out/pull/tsdb on first
# use (a few minutes) and kept.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
scripts/ensure-packages.sh libopenblas-dev libsqlite3-dev zlib1g-dev pkg-config prometheus curl
swift build -c release --product headroom >&2
mkdir -p bench-out/pull
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)   machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "headroom: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+dirty') (release)   $(prometheus --version 2>&1 | head -1)"
python3 scripts/bench_pull.py .build/release/headroom bench-out/pull "$runs"
