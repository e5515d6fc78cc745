#!/usr/bin/env bash
# The whole test suite: installs the system packages it needs, builds, runs the crash test of the
# allocation engine's execution (scripts/kill-loop.sh: SIGKILL in a loop), then every test target
# (Swift Testing). Needs nothing outside the repository.
#
#   scripts/test.sh [options of `swift test`]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/ensure-packages.sh libopenblas-dev libsqlite3-dev zlib1g-dev pkg-config sqlite3
swift build --build-tests
scripts/kill-loop.sh .build/debug/headroom 25
swift test --skip-build "$@"
