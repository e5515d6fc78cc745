#!/usr/bin/env bash
# Slow, idle and greedy clients against a live `headroom serve` on loopback (issue 10): idle and
# slow-loris connections are closed after the header timeout and /healthz keeps answering,
# connections past the cap get 503, a stalled body is dropped after the idle timeout, a 100 KB
# query string gets a problem+json, a declared Content-Length above the limit gets 413 before
# the body, and 100 parallel 16 MiB POSTs keep the server under 1 GiB of RSS. Starts the server
# on a fresh database with short timeouts (header 5 s, body 2 s) and stops it by its pid.
#
#   scripts/hardening-check.sh [HEADROOM_BINARY] [options of scripts/hardening_check.py]
#
# INGESTS=N sets service.max_concurrent_ingests (default 4), to measure memory per ingest.
# With --flood N (and --report-only) it measures N idle connections at once instead: the figure
# docs/BENCHMARKS.md records for the file-descriptor exhaustion, before and after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/start-service.sh

binary=${1:-${HEADROOM_BIN:-.build/debug/headroom}}
[[ $# -gt 0 ]] && shift
[[ -x $binary ]] || { echo "hardening-check: no headroom binary at $binary (build it first)" >&2; exit 2; }

work=$(mktemp -d)
server=
cleanup() {
    [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

db=$work/hardening.sqlite
"$binary" migrate --db "$db" > /dev/null
token=$("$binary" token create --db "$db" --scope write --name hardening)
sed -e 's/^  header_timeout: 30s /  header_timeout: 5s  /' -e 's/^  idle_timeout: 60s /  idle_timeout: 2s  /' \
    -e 's/^  max_connections: 4096 /  max_connections: 1000 /' -e 's/^    enabled: true/    enabled: false/' \
    -e "s/^  max_concurrent_ingests: 4 /  max_concurrent_ingests: ${INGESTS:-4} /" \
    examples/headroom.yaml > "$work/headroom.yaml"
start_service hardening-check "$work/serve.log" "$binary" --db "$db" --config "$work/headroom.yaml" --log-level warning
echo "hardening-check: $url (pid $server, $binary)"
status=0
python3 scripts/hardening_check.py --url "$url" --pid "$server" --token "$token" \
    --header-timeout 5 --idle-timeout 2 --max-connections 1000 "$@" || status=$?
kill -0 "$server" 2>/dev/null || { echo "hardening-check: the service died" >&2; cat "$work/serve.log" >&2; status=1; }
if grep -q "request failed" "$work/serve.log"; then
    echo "hardening-check: the service logged an internal error:" >&2
    grep -n "request failed" "$work/serve.log" | head -5 >&2
    status=1
fi
exit $status
