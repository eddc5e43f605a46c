#!/usr/bin/env bash
# Installs the Debian packages the build needs, only when some are missing.
# Safe to re-run; needs root (or sudo) only when something must be installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libboost-date-time-dev
  libfmt-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev time
  clang libclang-rt-14-dev clang-format
  # The Python package (python/, issue 19), for Debian's /usr/bin/python3,
  # and headless Chromium for the browser tests of the HTML views.
  pybind11-dev python3-dev python3-pandas python3-dask python3-distributed python3-pytest
  python3-selenium chromium chromium-driver
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "x12: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
