#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages given as arguments when they are missing
# (apt-get; through sudo when not root). Prints nothing when all are present.
#
#   scripts/ensure-packages.sh libopenblas-dev libsqlite3-dev
set -euo pipefail

missing=()
for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "error: missing packages ${missing[*]}, and no apt-get to install them (Debian or Ubuntu expected)" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "error: missing packages ${missing[*]}; run as root or install sudo" >&2
        exit 1
    fi
    sudo="sudo"
fi
echo "installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
