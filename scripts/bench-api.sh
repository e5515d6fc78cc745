#!/usr/bin/env bash
# HTTP load benchmark: wrk, 64 connections for 30 s per target, against the release build of
# `headroom serve` (GET /v1/plans/latest on a demo database) and, in the same run, against
# Hummingbird's minimal route (`headroom bench reference-server`). Prints requests per second,
# p99 latency and errors for each, and the service's throughput as a share of the reference's.
#
#   scripts/bench-api.sh            (DURATION=30s CONNECTIONS=64 THREADS=2 to change the load)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${DURATION:-30s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
scripts/ensure-packages.sh libopenblas-dev libsqlite3-dev zlib1g-dev pkg-config wrk
swift build -c release --product headroom
bin=$PWD/.build/release/headroom

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo --db "$work/bench.sqlite" --once > /dev/null
token=$("$bin" token create --db "$work/bench.sqlite" --scope read --name bench)
start=$(sqlite3 "$work/bench.sqlite" "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', start, 'unixepoch') FROM plan_run ORDER BY id DESC LIMIT 1")
end6h=$(sqlite3 "$work/bench.sqlite" "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', start + 21600, 'unixepoch') FROM plan_run ORDER BY id DESC LIMIT 1")

# Starts a server command in the background (its pid kept for the cleanup) and sets `url` to the
# URL it announces. Not run in a command substitution: a subshell would lose the pid.
launch() {
    local log=$1; shift
    "$@" > "$log" 2>&1 &
    pids+=($!)
    url=
    for _ in $(seq 1 100); do
        url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)
        [[ -n $url ]] && return
        sleep 0.1
    done
    echo "bench-api: $* did not start:" >&2; cat "$log" >&2; exit 1
}
launch "$work/serve.log" "$bin" serve --db "$work/bench.sqlite" --port 0 --log-level warning
service=$url
launch "$work/reference.log" "$bin" bench reference-server --port 0
reference=$url

# One wrk run: prints "name rps p99_ms errors bytes_per_response".
measure() {
    local name=$1 url=$2; shift 2
    local out
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url")
    echo "$out" > "$work/${name//[^A-Za-z0-9]/_}.wrk"
    local rps p99 requests errors transfer
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}' <<< "$out")
    requests=$(awk '/requests in/ {print $1}' <<< "$out")
    errors=$(awk '/Non-2xx or 3xx responses:/ {n+=$5} /Socket errors:/ {gsub(",",""); n+=$4+$6+$8+$10} END {print n+0}' <<< "$out")
    printf "%-28s %12.0f %10.2f %8d %10d\n" "$name" "$rps" "$p99" "$errors" "$requests"
}

auth=(-H "Authorization: Bearer $token")
echo "bench-api: $(date -u +%FT%TZ), $(nproc) cores, wrk -t$threads -c$connections -d$duration, commit $(git rev-parse --short HEAD)"
printf "%-28s %12s %10s %8s %10s\n" "target" "requests/s" "p99 ms" "errors" "requests"
wrk -t1 -c8 -d3s "$reference/" > /dev/null                                          # warm-up
wrk -t1 -c8 -d3s "${auth[@]}" "$service/v1/plans/latest?model=chat-8b&region=us-east-1" > /dev/null
reference_line=$(measure reference-minimal-route "$reference/")
echo "$reference_line"
window_line=$(measure "plans/latest 6h window" "$service/v1/plans/latest?model=chat-8b&region=us-east-1&from=$start&to=$end6h" "${auth[@]}")
echo "$window_line"
week_line=$(measure "plans/latest one model, 7d" "$service/v1/plans/latest?model=chat-8b&region=us-east-1" "${auth[@]}")
echo "$week_line"
reference_rps=$(awk '{print $(NF-3)}' <<< "$reference_line")
for line in "$window_line" "$week_line"; do
    awk -v ref="$reference_rps" '{name=$0; sub(/ +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+$/, "", name); printf "%s: %.1f%% of the minimal route'"'"'s throughput\n", name, 100 * $(NF-3) / ref}' <<< "$line"
done
for target in "plans/latest 6h window" "plans/latest one model, 7d"; do
    size=$(curl -s -o /dev/null -w '%{size_download}' "${auth[@]}" "$service/v1/plans/latest?model=chat-8b&region=us-east-1$([[ $target == *6h* ]] && echo "&from=$start&to=$end6h")")
    echo "$target: $size bytes per response"
done
