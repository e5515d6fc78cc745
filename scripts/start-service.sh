# Sourced by the scripts that test a live `headroom serve`: starts it in the background and
# waits for the URL it prints.
#
#   start_service NAME LOG BINARY [options of `headroom serve`]
#
# Sets `server` (its pid, for the caller's cleanup) and `url`; exits with the log on failure.
start_service() {
    local name=$1 log=$2 binary=$3
    shift 3
    "$binary" serve --port 0 --keda-port 0 "$@" > "$log" 2>&1 &
    server=$!
    url=
    for _ in $(seq 1 100); do
        url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)
        [[ -n $url ]] && return 0
        kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "$name: the service did not start" >&2; exit 1; }
        sleep 0.1
    done
    echo "$name: the service printed no URL" >&2
    exit 1
}
