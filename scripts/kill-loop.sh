#!/usr/bin/env bash
# Crash test of the allocation engine's execution: SIGKILLs `headroom execute` at random moments,
# restarts it, and checks that the action log ends exactly as an uninterrupted run's: no action
# lost, none repeated, none left pending, the stored pool loads consistent, and its tables (node,
# replica, pool_state) equal the uninterrupted run's.
#
#   scripts/kill-loop.sh [HEADROOM_BINARY] [ROUNDS]
#
# Each round acts 5 minutes after the previous one (from 2026-11-24T08:00Z, inside the demo plan)
# and runs until a run applies nothing; the killed copy is killed once per round at a random delay
# (0-250 ms) first. Every crash point is also covered deterministically by JobsTests. Prints one line per check and a closing `kill loop: N passed, M failed`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin=$(realpath "${1:-.build/debug/headroom}")
rounds="${2:-25}"
[ -x "$bin" ] || { echo "no headroom binary at $bin: build it first (swift build)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" demo --db "$work/seed.sqlite" --weeks 2 --end 2026-11-24 --once > /dev/null
# Copied through SQLite (a plain cp would miss pages still in the write-ahead log).
sqlite3 "$work/seed.sqlite" ".backup '$work/reference.sqlite'"
sqlite3 "$work/seed.sqlite" ".backup '$work/killed.sqlite'"

start=$(date -u -d 2026-11-24T08:00:00Z +%s)
kills=0
settle() {  # runs execute at $2 on database $1 until a run applies no new round
    for _ in 1 2 3 4; do
        out=$("$bin" execute --db "$1" --at "$2")
        echo "$out" | grep -q ": applied 0 actions" && return 0
    done
}
for i in $(seq 1 "$rounds"); do
    at=$((start + i * 300))
    settle "$work/reference.sqlite" "$at"
    "$bin" execute --db "$work/killed.sqlite" --at "$at" > /dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 250)))"
    if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null || true
    settle "$work/killed.sqlite" "$at"
done

passed=0; failed=0
check() {  # check NAME COMMAND...: counts a pass when the command succeeds
    if "${@:2}"; then passed=$((passed + 1)); echo "ok: $1"; else failed=$((failed + 1)); echo "FAILED: $1"; fi
}
log() { sqlite3 "$1" "SELECT round, position, kind, action FROM pool_action ORDER BY round, position"; }
pending() { sqlite3 "$1" "SELECT COUNT(*) FROM pool_action WHERE applied_at IS NULL"; }
contiguous() {
    sqlite3 "$1" "SELECT COUNT(*) FROM (SELECT round, MAX(position) + 1 = COUNT(*) AS ok FROM pool_action GROUP BY round) WHERE NOT ok" | grep -qx 0 &&
        sqlite3 "$1" "SELECT MAX(round) + 1 = COUNT(DISTINCT round) FROM pool_action" | grep -qx 1
}
total=$(sqlite3 "$work/reference.sqlite" "SELECT COUNT(*) FROM pool_action")
echo "$rounds rounds, $kills processes killed while still running, $total actions in the reference log"
check "the reference log is not empty" test "$total" -gt 0
check "no action left pending after the kills" test "$(pending "$work/killed.sqlite")" -eq 0
check "rounds and positions have no gaps" contiguous "$work/killed.sqlite"
check "the killed log equals the uninterrupted one (none lost, none repeated)" \
    test "$(log "$work/killed.sqlite" | sha256sum)" = "$(log "$work/reference.sqlite" | sha256sum)"
replays() { "$bin" pool show --db "$1" > /dev/null; }
check "the stored pool loads consistent" replays "$work/killed.sqlite"
tables() {
    sqlite3 "$1" "SELECT * FROM node ORDER BY number; SELECT * FROM replica ORDER BY number; SELECT * FROM pool_state"
}
check "the pool's tables (node, replica, pool_state) equal the uninterrupted ones" \
    test "$(tables "$work/killed.sqlite" | sha256sum)" = "$(tables "$work/reference.sqlite" | sha256sum)"
echo "kill loop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
