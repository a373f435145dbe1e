#!/usr/bin/env bash
# Installs the tools the full test suite needs (PowerShell + Pester, Squid, EVTX readers, Chromium...).
# Each part is one script in .ci/install.d, run in order. CI runs this before `npm test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for step in .ci/install.d/*.sh; do
  echo "== setup: $step"
  bash "$step"
done
