#!/usr/bin/env bash
# Installs wine (Debian's wine64) so test/exe/ can run the Windows executable: --version and analyze.
# Idempotent. Without wine the exe tests still check the PE, the SEA blob and the fuse.
set -euo pipefail
if command -v wine >/dev/null 2>&1 || command -v wine64 >/dev/null 2>&1; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
# Other install steps may hold the dpkg lock for a moment.
for i in 1 2 3 4 5 6; do
  if apt-get update -qq && apt-get install -y -qq wine64 >/dev/null; then break; fi
  echo "wine install failed (try $i), retrying"; sleep 20
done
command -v wine >/dev/null 2>&1 || command -v wine64 >/dev/null 2>&1
