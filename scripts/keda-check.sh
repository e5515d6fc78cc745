#!/usr/bin/env bash
# KEDA's side of the external scaler contract, against a live `headroom serve`: generates a
# Python client from the same externalscaler.proto (Tests/Fixtures/keda, grpcio-tools) and calls
# the server as KEDA would (scripts/keda_contract.py): metric spec, values equal to the plan's
# launched replicas at the instant the server is fixed at (HEADROOM_TEST_NOW), IsActive,
# StreamIsActive delivering a new plan, the documented status codes for bad metadata, an
# unplanned model and a plan whose horizon has ended, and mutual TLS with certificates made here.
#
#   scripts/keda-check.sh [HEADROOM_BINARY]     (default .build/debug/headroom)
#
# The venv (.venv-keda: grpcio, grpcio-tools, protobuf, cryptography pinned) is made on first use.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
binary=${1:-.build/debug/headroom}
[[ -x $binary ]] || { echo "keda-check: no headroom binary at $binary (build it first)" >&2; exit 2; }
venv=.venv-keda
pins=("grpcio==1.85.3" "grpcio-tools==1.85.1" "protobuf==7.36.2" "cryptography==50.0.2")
if [[ ! -x $venv/bin/python ]] || ! $venv/bin/pip freeze 2>/dev/null | grep -qx "grpcio-tools==1.85.1"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}"
fi
work=$(mktemp -d)
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$work"' EXIT
"$venv/bin/python" -m grpc_tools.protoc -I Tests/Fixtures/keda --python_out="$work" --grpc_python_out="$work" \
    Tests/Fixtures/keda/externalscaler.proto
"$binary" demo --db "$work/keda.sqlite" --weeks 2 --end 2026-11-24 --once > "$work/demo.log"
PYTHONPATH="$work" "$venv/bin/python" scripts/keda_contract.py "$binary" "$work"
