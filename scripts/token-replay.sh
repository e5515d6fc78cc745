#!/usr/bin/env bash
# Token-aware sizing against request-only sizing on an LLM's traffic whose token mix changes
# (issue 16's evidence, docs/ACCURACY.md "Token-aware sizing"):
#
#   scripts/token-replay.sh [--switch 2014-10-15T00:00:00Z] [--peak-rps 160]
#
# 1. builds out/token-replay.csv: NAB nyc_taxi's 30-minute request rate, each request's prompt and
#    generated tokens drawn from the Azure LLM inference traces of 2023 (conversation, then code
#    from --switch on) with scripts/token-replay-traffic.py;
# 2. builds the release binary and runs `headroom replay-tokens` with examples/token-replay.yaml.
# Needs ../shared/data (nab/nyc_taxi.csv and azure-llm-2023/); says so and exits 2 when absent.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
switch=2014-10-15T00:00:00Z
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --switch) switch=$2; shift 2 ;;
    --peak-rps) extra+=(--peak-rps "$2"); shift 2 ;;
    *) echo "error: unknown option $1 (use --switch TIME, --peak-rps N)" >&2; exit 2 ;;
  esac
done
data=${HEADROOM_DATA:-$root/../shared/data}
mkdir -p out
python3 scripts/token-replay-traffic.py --data "$data" --switch "$switch" "${extra[@]}" out/token-replay.csv
swift build -c release --product headroom >&2
.build/release/headroom replay-tokens --traffic out/token-replay.csv --config examples/token-replay.yaml \
  --switch "$switch" --output out/token-replay.json
