#!/usr/bin/env bash
# Executes every notebook in Notebooks/ headless and checks that each produced its figures.
#
#   scripts/run-notebooks.sh [HEADROOM_BINARY]     (or HEADROOM_BIN=...; default .build/debug/headroom)
#
# 1. Creates (or reuses) the venv .venv-notebooks/ at the repository root and installs
#    Notebooks/requirements.txt plus the pinned runner packages below (again only when they change).
# 2. Builds the notebooks' inputs with the given headroom binary, under $NOTEBOOKS_OUT/inputs:
#    - demo.sqlite: what `headroom demo` makes, done step by step (demo-data, ingest, forecast run,
#      plan run, two execute rounds at the plan's start and 15 minutes on);
#    - simulate/POLICY.json: `headroom simulate --policy POLICY --output` for hybrid, predictive,
#      reactive and static on the real NAB ELB fixture (Tests/HeadroomCLITests/Fixtures/
#      elb_request_count.csv, 2 weeks at 5 min) replayed as chat-8b in us-east-1;
#    - tuned.json: the same replay with --policy all --target-served 0.99;
# 3. Executes each notebook with nbclient (NOTEBOOK_CELL_TIMEOUT seconds per cell, default 300)
#    in $NOTEBOOKS_OUT (default out/notebooks, git-ignored), writes the executed copy there (never
#    into Notebooks/), and counts its image/png outputs against the figure count the notebook
#    declares in its metadata ("headroom": {"expected_figures": N}).
# Prints one line per notebook; exits non-zero naming the notebook(s) on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

# The runner's own packages (the notebooks' are in Notebooks/requirements.txt).
runner_packages=(nbclient==0.11.0 nbformat==5.11.1 ipykernel==7.4.0)

fail() { echo "run-notebooks: $*" >&2; exit 1; }

bin="${1:-${HEADROOM_BIN:-.build/debug/headroom}}"
[ -x "$bin" ] || fail "no headroom binary at $bin (build it, or pass its path as the argument or in HEADROOM_BIN)"
bin=$(realpath "$bin")
out="${NOTEBOOKS_OUT:-out/notebooks}"
mkdir -p "$out"
out=$(realpath "$out")
case "$out/" in "$root/Notebooks/"*) fail "NOTEBOOKS_OUT must not be inside Notebooks/" ;; esac
find "$out" -mindepth 1 -delete
inputs="$out/inputs"
mkdir -p "$inputs/simulate" "$out/figures"
started=$(date +%s)

# 1. The venv.
venv="$root/.venv-notebooks"
wanted="$(cat Notebooks/requirements.txt; printf '%s\n' "${runner_packages[@]}")"
stamp="$venv/.headroom-requirements"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || fail "could not create the venv $venv (python3 -m venv)"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "run-notebooks: installing Notebooks/requirements.txt and ${runner_packages[*]} into .venv-notebooks"
    "$venv/bin/pip" install -q -r Notebooks/requirements.txt "${runner_packages[@]}" ||
        fail "pip install into $venv failed"
    printf '%s' "$wanted" >"$stamp"
fi
python="$venv/bin/python"

# 2. The inputs.
db="$inputs/demo.sqlite"
log="$inputs/headroom.log"
run() { "$bin" "$@" >>"$log" 2>&1 || fail "\`headroom $*\` failed; its output is in $log:
$(tail -20 "$log")"; }
run demo-data --output "$inputs/demo.csv"
run ingest "$inputs/demo.csv" --db "$db"
run forecast run --db "$db"
run plan run --db "$db"
plan_start=$("$python" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT start FROM plan_run ORDER BY id DESC LIMIT 1").fetchone()[0])' "$db")
run execute --db "$db" --at "$plan_start"
run execute --db "$db" --at "$((plan_start + 900))"
rm "$inputs/demo.csv"

# The ELB fixture's model is not in the example fleet: replay it as chat-8b in us-east-1, scaled
# so that its busiest 5-minute step runs at 32 requests per second (as scripts/simulate-nab.sh does).
traffic="$inputs/simulate/traffic.csv"
"$python" - Tests/HeadroomCLITests/Fixtures/elb_request_count.csv "$traffic" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
factor = 32 * 300 / max(float(r["value"]) for r in rows)
with open(sys.argv[2], "w") as out:
    out.write("timestamp,model,region,metric,value\n")
    for r in rows:
        out.write(f"{r['timestamp']},chat-8b,us-east-1,requests,{float(r['value']) * factor:.4f}\n")
PY
for policy in hybrid predictive reactive static; do
    run simulate --traffic "$traffic" --policy "$policy" --train-days 7 --output "$inputs/simulate/$policy.json"
done
# The same replay at equal service level (each policy's knob searched), for cost-vs-served.
run simulate --traffic "$traffic" --policy all --train-days 7 --target-served 0.99 --output "$inputs/tuned.json"
inputs_done=$(date +%s)
echo "run-notebooks: inputs built in $((inputs_done - started)) s (venv included) under $inputs"

# 3. The notebooks.
unset MPLBACKEND   # the kernel's inline backend is what puts figures into the notebook
sockets=$(mktemp -d)   # the kernels' IPC sockets (a short path: a socket's path is limited to 107 bytes)
trap 'rm -rf "$sockets"' EXIT
HEADROOM_DB="$db" HEADROOM_SIM_DIR="$inputs/simulate" HEADROOM_TUNED="$inputs/tuned.json" HEADROOM_FIGURES="$out/figures" \
"$python" - "$out" "${NOTEBOOK_CELL_TIMEOUT:-300}" "$sockets" Notebooks/*.ipynb <<'PY'
import os, sys, time
import nbformat
from nbclient import NotebookClient
from jupyter_client.manager import KernelManager
from nbclient.exceptions import CellExecutionError, CellTimeoutError

out, timeout, sockets, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
failed = []
for number, path in enumerate(paths):
    name = os.path.basename(path)
    started = time.monotonic()
    nb = nbformat.read(path, as_version=4)
    expected = nb.metadata.get("headroom", {}).get("expected_figures")
    if not isinstance(expected, int) or expected < 1:
        print(f"FAIL {name}: its metadata declares no figure count (\"headroom\": {{\"expected_figures\": N}})")
        failed.append(name)
        continue
    problem = None
    # IPC sockets: local only (over TCP the kernel warns that its traffic is unencrypted).
    kernel = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, f"kernel{number}"))
    try:
        NotebookClient(nb, km=kernel, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": out}}).execute()
    except CellTimeoutError as error:
        problem = f"a cell ran over {timeout} s: {str(error).strip().splitlines()[-1]}"
    except CellExecutionError as error:
        problem = f"{error.ename}: {error.evalue}"
    except Exception as error:  # the kernel died, or could not start
        problem = f"{type(error).__name__}: {error}"
    finally:
        if kernel.has_kernel:   # a kernel manager passed in is not shut down by nbclient
            kernel.shutdown_kernel(now=True)
    nbformat.write(nb, os.path.join(out, name))
    figures = sum(1 for cell in nb.cells if cell.cell_type == "code"
                  for output in cell.get("outputs", [])
                  if "image/png" in output.get("data", {}))
    seconds = time.monotonic() - started
    if problem is None and figures < expected:
        problem = f"{figures} figures, expected at least {expected}"
    if problem:
        print(f"FAIL {name}: {problem} (executed copy: {os.path.join(out, name)})")
        failed.append(name)
    else:
        print(f"ok   {name}: {figures} figures (expected {expected}) in {seconds:.1f} s")
if failed:
    print(f"run-notebooks: {len(failed)} of {len(paths)} notebooks failed: {', '.join(failed)}", file=sys.stderr)
    sys.exit(1)
print(f"run-notebooks: {len(paths)} notebooks executed; executed copies and figures in {out}")
PY
echo "run-notebooks: done in $(($(date +%s) - started)) s"
