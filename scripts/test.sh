#!/usr/bin/env bash
# The whole test suite: installs the system packages it needs, builds, then runs
#  - the crash test of the allocation engine's execution (scripts/kill-loop.sh: SIGKILL in a loop),
#  - schemathesis against the live service and its OpenAPI document (scripts/api-check.sh),
#  - slow, idle and greedy clients against the live service (scripts/hardening-check.sh),
#  - the exported Kubernetes objects against KEDA's CRD and Kubernetes' schemas (scripts/kubernetes-check.sh),
#  - KEDA's external scaler contract, called as KEDA would from a client generated from its proto (scripts/keda-check.sh),
#  - `headroom pull` against a real Prometheus with backfilled vLLM counters (scripts/prometheus-check.sh),
#  - the Jupyter notebooks, headless, against a demo database (scripts/run-notebooks.sh),
#  - every test target (Swift Testing).
# Needs nothing outside the repository; the Python venvs come from PyPI on first use.
#
#   scripts/test.sh [options of `swift test`]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/ensure-packages.sh libopenblas-dev libsqlite3-dev zlib1g-dev pkg-config sqlite3 python3-venv
swift build --build-tests
scripts/kill-loop.sh .build/debug/headroom 25
scripts/api-check.sh .build/debug/headroom
scripts/hardening-check.sh .build/debug/headroom
scripts/kubernetes-check.sh .build/debug/headroom
scripts/keda-check.sh .build/debug/headroom
scripts/prometheus-check.sh .build/debug/headroom
scripts/run-notebooks.sh .build/debug/headroom
swift test --skip-build "$@"
