#!/usr/bin/env bash
# Network test prerequisites (test/net): iproute2 for namespaces, Squid as the real proxy, openssl for
# the test CA. Debian packages only. Idempotent. Squid is not started here: the tests start their own
# inside their namespace, with their own configuration and pid file (a system squid does not interfere).
set -euo pipefail
need=()
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v squid >/dev/null 2>&1 || need+=(squid)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ "${#need[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need[@]}"
fi
squid -v | head -n 1
ip -V
