#!/usr/bin/env bash
# Checks the live service against its OpenAPI document with schemathesis: starts
# `headroom serve` on 127.0.0.1 over a fresh demo database, with an admin token, and runs every
# documented operation with generated requests (examples, coverage and fuzzing phases). Fails on
# any 5xx, any undocumented status code, content type or header, and any body that does not
# match its schema.
#
#   scripts/api-check.sh [HEADROOM_BINARY]     (default .build/debug/headroom)
#
# The venv (.venv-api, schemathesis pinned) is made on first use.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/start-service.sh

binary=${1:-${HEADROOM_BIN:-.build/debug/headroom}}
[[ -x $binary ]] || { echo "api-check: no headroom binary at $binary (build it first)" >&2; exit 2; }
venv=.venv-api
if [[ ! -x $venv/bin/schemathesis ]] || ! $venv/bin/pip freeze 2>/dev/null | grep -qx "schemathesis==4.32.5"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==4.32.5" "hypothesis==6.170.17"
fi

work=$(mktemp -d)
server=
cleanup() {
    [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

db=$work/api.sqlite
"$binary" demo --db "$db" --weeks 2 --once > "$work/demo.log"
# Tokens to revoke: DELETE /v1/tokens/{id} is tried on small ids, and must not hit the admin's.
for n in $(seq 1 20); do "$binary" token create --db "$db" --scope read --name "spare-$n" > /dev/null; done
admin=$("$binary" token create --db "$db" --scope admin --name api-check)
start_service api-check "$work/serve.log" "$binary" --db "$db"
echo "api-check: $url (database $db)"

status=0
"$venv/bin/schemathesis" run "$url/openapi.yaml" \
    --header "Authorization: Bearer $admin" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples "${API_CHECK_EXAMPLES:-40}" \
    --workers 1 \
    --seed 1 \
    --report junit --report-dir "$work/report" 2>&1 | tee "$work/schemathesis.log" || status=$?
# schemathesis can end with status 0 after a worker crashed: every operation must have been tested.
selected=$(grep -o 'Selected: [0-9]*' "$work/schemathesis.log" | grep -o '[0-9]*$' || true)
tested=$(grep -o 'Tested: [0-9]*' "$work/schemathesis.log" | grep -o '[0-9]*$' || true)
if [[ -z $selected || $selected != "$tested" ]] || grep -q "^Traceback\|Exception in thread" "$work/schemathesis.log"; then
    echo "api-check: schemathesis tested ${tested:-?} of ${selected:-?} operations or crashed" >&2
    status=1
fi
if grep -q "request failed" "$work/serve.log"; then
    echo "api-check: the service logged an internal error:" >&2
    grep -n "error" "$work/serve.log" | head -20 >&2
    status=1
fi
exit $status
