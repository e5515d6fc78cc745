#!/usr/bin/env bash
# Ingest benchmark: Headroom's validating `headroom ingest` against the sqlite3 shell's `.import`
# of the same CSV into a plain table with the same five columns (no validation), in one run.
#
#   scripts/bench-ingest.sh [--rows N] [--runs R] [--memory-rows M]
#
# Both write a fresh database file in WAL mode each run. Prints each run, the median rows per
# second of each tool and their ratio (Headroom / sqlite3; above 1 means Headroom is faster).
# With --memory-rows M (default 10,000,000; 0 skips it) it also ingests an M-row file once and
# reports Headroom's peak resident memory (and .import's time on it, for scale).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rows=1000000
runs=5
memory_rows=10000000
while [ $# -gt 0 ]; do
    case "$1" in
        --rows) rows="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --memory-rows) memory_rows="$2"; shift 2 ;;
        *) echo "unknown option $1 (expected --rows, --runs, --memory-rows)" >&2; exit 2 ;;
    esac
done

scripts/ensure-packages.sh libopenblas-dev libsqlite3-dev zlib1g-dev pkg-config sqlite3 time bc
swift build -c release --product headroom >&2
headroom=.build/release/headroom
work=bench-out/ingest
mkdir -p "$work"

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)   machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "headroom: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+dirty') (release)   sqlite3: $(sqlite3 --version | cut -d' ' -f1)"

# seconds NAME COMMAND...: runs the command, prints its wall seconds.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

headroom_ingest() { rm -f "$work/h.sqlite"*; "$headroom" ingest "$1" --db "$work/h.sqlite"; }
sqlite_import() {
    rm -f "$work/s.sqlite"*
    sqlite3 "$work/s.sqlite" "PRAGMA journal_mode=WAL;" \
        "CREATE TABLE traffic (timestamp TEXT, model TEXT, region TEXT, metric TEXT, value TEXT);" \
        ".import --csv --skip 1 $1 traffic"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

csv="$work/traffic-$rows.csv"
[ -f "$csv" ] || "$headroom" demo-data --end 2026-11-24 --seed 42 --rows "$rows" --output "$csv"
echo "input: $csv, $rows rows, $(du -m "$csv" | cut -f1) MB"

: > "$work/h.times"; : > "$work/s.times"
for run in $(seq "$runs"); do
    h=$(seconds headroom_ingest "$csv"); echo "$h" >> "$work/h.times"
    s=$(seconds sqlite_import "$csv"); echo "$s" >> "$work/s.times"
    printf "run %d: headroom ingest %.3f s, sqlite3 .import %.3f s\n" "$run" "$h" "$s"
done
stored=$(sqlite3 "$work/h.sqlite" "SELECT COUNT(*) FROM traffic_point")
imported=$(sqlite3 "$work/s.sqlite" "SELECT COUNT(*) FROM traffic")
h=$(median < "$work/h.times"); s=$(median < "$work/s.times")
printf "median: headroom ingest %.3f s = %.0f rows/s (%s points stored, validated)\n" "$h" "$(echo "$rows / $h" | bc -l)" "$stored"
printf "median: sqlite3 .import %.3f s = %.0f rows/s (%s rows, no validation)\n" "$s" "$(echo "$rows / $s" | bc -l)" "$imported"
printf "ratio (headroom rows/s / sqlite3 rows/s): %.2f\n" "$(echo "$s / $h" | bc -l)"

if [ "$memory_rows" -gt 0 ]; then
    big="$work/traffic-$memory_rows.csv"
    [ -f "$big" ] || "$headroom" demo-data --end 2026-11-24 --seed 42 --rows "$memory_rows" --output "$big"
    rm -f "$work/h.sqlite"*
    /usr/bin/time -f "%e %M" -o "$work/memory" "$headroom" ingest "$big" --db "$work/h.sqlite" >/dev/null
    read -r wall peak < "$work/memory"
    s=$(seconds sqlite_import "$big")
    printf "%s rows (%s MB): headroom ingest %.1f s, peak RSS %.0f MB; sqlite3 .import %.1f s\n" \
        "$memory_rows" "$(du -m "$big" | cut -f1)" "$wall" "$(echo "$peak / 1024" | bc -l)" "$s"
fi
rm -f "$work"/*.sqlite*
