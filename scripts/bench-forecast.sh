#!/usr/bin/env bash
# Reproducible side-by-side forecasting benchmark: Headroom vs Nixtla statsforecast.
#
#   scripts/bench-forecast.sh [options of scripts/bench_forecast.py]
#
# 1. creates (or reuses) the throwaway venv .venv-bench/ at the repo root (git-ignored) and installs
#    the pinned statsforecast + pandas + numpy from PyPI (nothing is downloaded when already satisfied);
# 2. builds the Headroom release binary (`swift build -c release --product headroom`), unless
#    --skip-headroom is given;
# 3. prints the versions used and runs scripts/bench_forecast.py with all the arguments given here.
#
# Common options (see `scripts/bench-forecast.sh --help` for all):
#   --skip-headroom     statsforecast half only (no Swift build)
#   --skip-synthetic    real-data case only
#   --series N          synthetic series for the timing case (default 1000)
#   --json FILE         dump all figures as JSON
#
# Environment: HEADROOM_DATA (folder holding nab/; default <repo root>/../shared/data),
#   PYTHON (interpreter used to create the venv; default python3),
#   BENCH_PIP_PACKAGES (pip requirements; default the pinned set below).
#
# Exit status: 0 ok; 2 data or tool missing; 3 Headroom build/run failed (statsforecast figures are
# still printed when only the Headroom run failed).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(git -C "$script_dir" rev-parse --show-toplevel 2>/dev/null || (cd "$script_dir/.." && pwd))
cd "$root"

skip_headroom=0
for arg in "$@"; do
  case "$arg" in
    --skip-headroom) skip_headroom=1 ;;
    -h|--help)
      sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      if [[ -x "$root/.venv-bench/bin/python" ]]; then
        echo; "$root/.venv-bench/bin/python" "$script_dir/bench_forecast.py" --help
      fi
      exit 0 ;;
  esac
done

data=${HEADROOM_DATA:-$root/../shared/data}
if [[ ! -d "$data/nab" ]]; then
  echo "error: benchmark data not found: $data/nab does not exist." >&2
  echo "       Put the shared data beside the repo (../shared/data/nab/*.csv) or set HEADROOM_DATA." >&2
  exit 2
fi
HEADROOM_DATA=$(cd "$data" && pwd)
export HEADROOM_DATA

# ---------------------------------------------------------------- Python venv
python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
  echo "error: $python not found; install Python 3.9+ or set PYTHON." >&2
  exit 2
fi
venv=$root/.venv-bench
if [[ ! -x "$venv/bin/python" ]]; then
  echo "creating venv $venv" >&2
  "$python" -m venv "$venv"
fi
packages=${BENCH_PIP_PACKAGES:-"statsforecast==2.1.1 pandas==2.3.3 numpy==2.4.6 prophet==1.5.0"}
# shellcheck disable=SC2086
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check $packages >&2

# ---------------------------------------------------------------- Headroom release build
args=("$@")
if [[ $skip_headroom -eq 0 ]]; then
  if ! command -v swift >/dev/null 2>&1; then
    echo "error: swift not found on PATH: cannot build Headroom. Install the Swift toolchain, or run" >&2
    echo "       scripts/bench-forecast.sh --skip-headroom for the statsforecast half only." >&2
    exit 3
  fi
  echo "building Headroom: swift build -c release --product headroom" >&2
  build_start=$(date +%s)
  if ! swift build -c release --product headroom >&2; then
    echo "error: the Headroom release build failed (see above; is there a 'headroom' executable product yet?)." >&2
    echo "       Run scripts/bench-forecast.sh --skip-headroom for the statsforecast half only." >&2
    exit 3
  fi
  echo "build took $(( $(date +%s) - build_start )) s" >&2
  bin_dir=$(swift build -c release --show-bin-path 2>/dev/null || echo "$root/.build/release")
  if [[ ! -x "$bin_dir/headroom" ]]; then
    echo "error: the build succeeded but $bin_dir/headroom is missing." >&2
    exit 3
  fi
  args=(--headroom-bin "$bin_dir/headroom" "${args[@]}")
fi

# ---------------------------------------------------------------- versions
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then commit="$commit (dirty tree)"; fi
echo "date:           $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "headroom:       commit $commit"
if [[ $skip_headroom -eq 0 ]]; then
  echo "swift:          $(swift --version 2>&1 | head -n 1)"
fi
"$venv/bin/python" - <<'EOF'
import platform, importlib.metadata as md
print(f"python:         {platform.python_version()} ({platform.python_implementation()})")
for name in ("statsforecast", "numpy", "pandas", "scipy", "statsmodels", "coreforecast"):
    try:
        print(f"{name + ':':15} {md.version(name)}")
    except md.PackageNotFoundError:
        print(f"{name + ':':15} not installed")
EOF
echo "data:           $HEADROOM_DATA"
echo

exec "$venv/bin/python" "$script_dir/bench_forecast.py" "${args[@]}"
