#!/usr/bin/env bash
# The whole test suite: installs the system packages it needs, then builds and runs every test
# target (Swift Testing). Needs nothing outside the repository.
#
#   scripts/test.sh [options of `swift test`]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/ensure-packages.sh libopenblas-dev libsqlite3-dev zlib1g-dev pkg-config
swift build --build-tests
swift test --skip-build "$@"
