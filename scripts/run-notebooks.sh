#!/usr/bin/env bash
# Executes every notebook in Notebooks/ headless against a Headroom database and checks that each
# produced its figures. Uses (or creates) the venv .venv-notebooks/ at the repository root.
#
#   scripts/run-notebooks.sh DATABASE.sqlite
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

database=$(realpath "${1:?usage: scripts/run-notebooks.sh DATABASE.sqlite}")
[ -f "$database" ] || { echo "no database at $database" >&2; exit 2; }
if [ ! -x .venv-notebooks/bin/python ]; then
    python3 -m venv .venv-notebooks
fi
.venv-notebooks/bin/python -c "import pandas, matplotlib, nbclient, nbformat, ipykernel" 2>/dev/null ||
    .venv-notebooks/bin/pip install -q pandas matplotlib nbclient nbformat ipykernel

rm -rf Notebooks/figures
for notebook in Notebooks/*.ipynb; do
    HEADROOM_DB="$database" .venv-notebooks/bin/python - "$notebook" <<'PY'
import sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "Notebooks"}}).execute()
print(f"{path}: executed")
PY
done
figures=$(ls Notebooks/figures/*.png 2>/dev/null | wc -l)
[ "$figures" -gt 0 ] || { echo "no figures were produced" >&2; exit 1; }
echo "$figures figures in Notebooks/figures/"
