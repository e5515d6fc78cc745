#!/usr/bin/env bash
# Server CPU per request on the two plan routes, a figure less disturbed by a noisy machine than
# requests per second: builds a demo database, serves it with BIN on PORT, loads each route with
# wrk (3 s warm-up, then 15 s, one thread, 32 connections) and divides the server process's CPU
# time over the 15 s (utime + stime from /proc/PID/stat, in clock ticks of 10 ms) by the requests
# served. Compare two builds by running it for each, alternating.
# Usage: scripts/bench-api-cpu.sh [BIN] [PORT]   (default .build/release/headroom 18300)
set -euo pipefail
B=${1:-.build/release/headroom}; P=${2:-18300}
[ -x "$B" ] || { echo "bench-api-cpu: no headroom binary at $B (swift build -c release --product headroom)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench-api-cpu: wrk is needed (apt-get install wrk)" >&2; exit 2; }
w=$(mktemp -d)
$B demo --db $w/b.sqlite --once >/dev/null
tok=$($B token create --db $w/b.sqlite --scope read --name b)
start=$(sqlite3 $w/b.sqlite "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', start, 'unixepoch') FROM plan_run ORDER BY id DESC LIMIT 1")
end=$(sqlite3 $w/b.sqlite "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', start + 21600, 'unixepoch') FROM plan_run ORDER BY id DESC LIMIT 1")
$B serve --db $w/b.sqlite --port $P --log-level warning > $w/serve.log 2>&1 & pid=$!
sleep 2
for name in 6h 7d; do
  if [ $name = 6h ]; then u="http://127.0.0.1:$P/v1/plans/latest?model=chat-8b&region=us-east-1&from=$start&to=$end"; else u="http://127.0.0.1:$P/v1/plans/latest?model=chat-8b&region=us-east-1"; fi
  wrk -t1 -c32 -d3s -H "Authorization: Bearer $tok" "$u" >/dev/null
  t0=$(awk '{print $14+$15}' /proc/$pid/stat)
  out=$(wrk -t1 -c32 -d15s -H "Authorization: Bearer $tok" "$u")
  t1=$(awk '{print $14+$15}' /proc/$pid/stat)
  n=$(echo "$out" | grep "requests in" | awk '{print $1}')
  rps=$(echo "$out" | grep Requests/sec | awk '{print $2}')
  echo "$name req/s=$rps requests=$n server_cpu_us_per_req=$(python3 -c "print(round(($t1-$t0)*10000/$n,1))")"
done
kill $pid; wait $pid 2>/dev/null; rm -rf $w
