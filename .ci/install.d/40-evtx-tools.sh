#!/usr/bin/env bash
# Installs the two independent .evtx readers the differential tests compare ours with:
# python3-evtx (evtx_dump.py, python-evtx 0.6.x) and libevtx-utils (evtxexport, libyal). Idempotent.
set -euo pipefail
if command -v evtx_dump.py >/dev/null 2>&1 && command -v evtxexport >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Other install steps may hold the apt lock: wait for it rather than fail.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends python3-evtx libevtx-utils
command -v evtx_dump.py
command -v evtxexport
