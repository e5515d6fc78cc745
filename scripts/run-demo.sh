#!/usr/bin/env bash
# Headroom's main job on its embedded default: installs the system packages it needs, builds the
# release binary, creates ./headroom.sqlite, loads the built-in demo traffic and runs the job.
#
#   scripts/run-demo.sh [--db PATH] [any option of `headroom demo`]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/ensure-packages.sh libopenblas-dev libsqlite3-dev zlib1g-dev pkg-config
swift build -c release --product headroom
exec .build/release/headroom demo "$@"
