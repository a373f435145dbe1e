#!/usr/bin/env bash
# Network namespaces for the proxy tests (test/net/*.test.ts). Only addresses inside namespaces made here.
#
#   server   10.77.1.2  the "Azure AD Connect server": no default route, no DNS for public names
#   proxy    10.77.1.1 / 10.77.2.1  Squid on 10.77.1.1:3128; its hosts file maps the endpoints to the fake internet
#   inet     10.77.2.2  the fake internet: one HTTPS server answering as login.microsoftonline.com etc.
#
# Usage: netns.sh up | down | squid <open|auth|deny> | squid-stop | status
# State (certificates, configs, logs, pids) in $AADD_NET_DIR (default /tmp/aadsync-diagnose-net).
# $AADD_NET_ID (a few letters/digits) makes the names unique, so that two test runs on one machine (several
# people in one tree) never share a namespace; $AADD_NET_OWNER is the pid of the test process: `up` removes
# namespaces of earlier runs whose owner is gone (an interrupted run), never those of a live run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${AADD_NET_DIR:-/tmp/aadsync-diagnose-net}"
id="${AADD_NET_ID:-0}"
[[ "$id" =~ ^[a-z0-9]{1,6}$ ]] || { echo "netns.sh: AADD_NET_ID must be 1-6 lowercase letters/digits" >&2; exit 1; }
owner="${AADD_NET_OWNER:-$$}"
NS_SERVER=aadd-$id-server
NS_PROXY=aadd-$id-proxy
NS_INET=aadd-$id-inet
V_S0=aa$id-s0; V_P0=aa$id-p0; V_P1=aa$id-p1; V_I0=aa$id-i0
SERVER_IP=10.77.1.2
PROXY_IP=10.77.1.1
PROXY_UP_IP=10.77.2.1
INET_IP=10.77.2.2
SQUID_PORT=3128
NAMES="login.microsoftonline.com login.windows.net adminwebservice.microsoftonline.com provisioningapi.microsoftonline.com management.azure.com"

die() { echo "netns.sh: $*" >&2; exit 1; }

# Wait (bounded) for a TCP port to accept inside a namespace.
wait_port() { # ns ip port seconds
  local ns=$1 ip=$2 port=$3 limit=$4 i=0
  while ! ip netns exec "$ns" bash -c "exec 3<>/dev/tcp/$ip/$port" 2>/dev/null; do
    i=$((i + 1))
    [ "$i" -ge $((limit * 10)) ] && return 1
    sleep 0.1
  done
}

kill_pidfile() { # file
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

squid_stop() {
  kill_pidfile "$dir/squid.pid.harness"
  # squid's own pid file (it may have forked helpers that exit with it)
  kill_pidfile "$dir/squid.pid"
}

delete_ns() { # name
  local ns=$1
  if ip netns list | grep -qw "$ns"; then
    # any process still inside one of our namespaces was started by this harness: end it by pid
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns delete "$ns" 2>/dev/null || true
  fi
  rm -rf "/etc/netns/$ns"
}

down() {
  squid_stop
  kill_pidfile "$dir/inet.pid"
  for ns in $NS_SERVER $NS_PROXY $NS_INET; do delete_ns "$ns"; done
}

# Namespaces of earlier runs whose owning test process has died (the run was interrupted).
reap_orphans() {
  local d ns o
  for d in /etc/netns/aadd-*-server; do
    [ -f "$d/owner" ] || continue
    o="$(cat "$d/owner")"
    [[ "$o" =~ ^[0-9]+$ ]] || continue
    kill -0 "$o" 2>/dev/null && continue
    ns="$(basename "$d")"
    for x in "${ns%-server}-server" "${ns%-server}-proxy" "${ns%-server}-inet"; do delete_ns "$x"; done
  done
}

certs() {
  mkdir -p "$dir/pki"
  local p="$dir/pki" san=""
  for n in $NAMES; do san="${san:+$san,}DNS:$n"; done
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=aadsync-diagnose test CA" \
    -keyout "$p/ca.key" -out "$p/ca.pem" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=login.microsoftonline.com" -keyout "$p/leaf.key" -out "$p/leaf.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$san" > "$p/leaf.ext"
  openssl x509 -req -in "$p/leaf.csr" -CA "$p/ca.pem" -CAkey "$p/ca.key" -CAcreateserial -days 2 \
    -extfile "$p/leaf.ext" -out "$p/leaf.pem" 2>/dev/null
}

up() {
  [ "$(id -u)" = 0 ] || die "must run as root (network namespaces)"
  command -v squid >/dev/null || die "squid is not installed (run .ci/install.d/30-network.sh)"
  command -v openssl >/dev/null || die "openssl is not installed"
  down
  reap_orphans
  rm -rf "$dir"
  mkdir -p "$dir"
  certs

  ip netns add $NS_SERVER
  ip netns add $NS_PROXY
  ip netns add $NS_INET
  # veths are created straight inside the namespaces: the host's own network is never touched.
  ip link add $V_S0 netns $NS_SERVER type veth peer name $V_P0 netns $NS_PROXY
  ip link add $V_P1 netns $NS_PROXY type veth peer name $V_I0 netns $NS_INET
  ip -n $NS_SERVER addr add $SERVER_IP/24 dev $V_S0
  ip -n $NS_PROXY addr add $PROXY_IP/24 dev $V_P0
  ip -n $NS_PROXY addr add $PROXY_UP_IP/24 dev $V_P1
  ip -n $NS_INET addr add $INET_IP/24 dev $V_I0
  for ns in $NS_SERVER $NS_PROXY $NS_INET; do ip -n "$ns" link set lo up; done
  ip -n $NS_SERVER link set $V_S0 up
  ip -n $NS_PROXY link set $V_P0 up
  ip -n $NS_PROXY link set $V_P1 up
  ip -n $NS_INET link set $V_I0 up
  # No forwarding in the proxy namespace: the server reaches the internet only through Squid.
  ip netns exec $NS_PROXY sysctl -qw net.ipv4.ip_forward=0

  # Name resolution per namespace (ip netns exec bind-mounts these over /etc/hosts and /etc/resolv.conf).
  # Nothing listens on 127.0.0.1:53 inside: a lookup that misses the hosts file fails at once.
  for ns in $NS_SERVER $NS_PROXY $NS_INET; do
    mkdir -p "/etc/netns/$ns"
    printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "/etc/netns/$ns/resolv.conf"
    printf '127.0.0.1 localhost\n' > "/etc/netns/$ns/hosts"
  done
  printf '%s proxy.contoso.test\n' "$PROXY_IP" >> "/etc/netns/$NS_SERVER/hosts"
  echo "$owner" > "/etc/netns/$NS_SERVER/owner"
  for n in $NAMES; do printf '%s %s\n' "$INET_IP" "$n" >> "/etc/netns/$NS_PROXY/hosts"; done
  cp "/etc/netns/$NS_PROXY/hosts" "$dir/proxy-hosts"

  # The fake internet.
  ip netns exec $NS_INET setsid node "$here/fake-internet.mjs" "$dir/pki/leaf.pem" "$dir/pki/leaf.key" $INET_IP 443 \
    >"$dir/inet.log" 2>&1 < /dev/null &
  echo $! > "$dir/inet.pid"
  wait_port $NS_INET $INET_IP 443 15 || { cat "$dir/inet.log" >&2; die "the fake internet did not start within 15s"; }
  chown -R proxy:proxy "$dir" 2>/dev/null || true
  chmod 755 "$dir"
  echo "up: namespaces $NS_SERVER $NS_PROXY $NS_INET; server=$SERVER_IP proxy=$PROXY_IP:$SQUID_PORT internet=$INET_IP ca=$dir/pki/ca.pem"
}

squid_start() { # mode
  local mode=$1 conf="$dir/squid-$1.conf"
  squid_stop
  {
    echo "http_port $PROXY_IP:$SQUID_PORT"
    echo "pid_filename $dir/squid.pid"
    echo "cache deny all"
    echo "cache_mem 8 MB"
    echo "access_log stdio:$dir/access.log"
    echo "cache_log $dir/cache.log"
    echo "cache_store_log none"
    echo "coredump_dir $dir"
    echo "hosts_file $dir/proxy-hosts"
    echo "dns_nameservers 127.0.0.1"
    echo "dns_timeout 2 seconds"
    echo "shutdown_lifetime 0 seconds"
    echo "acl SSL_ports port 443"
    echo "acl CONNECT method CONNECT"
    echo "http_access deny CONNECT !SSL_ports"
    case "$mode" in
      open) ;;
      auth)
        # Seeded secret, obviously fake.
        printf 'aadsync:%s\n' "$(openssl passwd -1 'P@ssw0rd-FAKE-squid')" > "$dir/passwd"
        chown proxy:proxy "$dir/passwd" 2>/dev/null || true
        echo "auth_param basic program /usr/lib/squid/basic_ncsa_auth $dir/passwd"
        echo "auth_param basic realm aadsync-diagnose test proxy"
        echo "auth_param basic children 1 startup=1 idle=1"
        echo "acl authed proxy_auth REQUIRED"
        echo "http_access deny !authed"
        ;;
      deny)
        echo "acl blocked dstdomain .microsoftonline.com"
        echo "http_access deny blocked"
        ;;
      *) die "unknown squid mode '$mode' (open, auth, deny)" ;;
    esac
    echo "http_access allow all"
  } > "$conf"
  chown proxy:proxy "$conf" 2>/dev/null || true
  : > "$dir/access.log"; chown proxy:proxy "$dir/access.log" 2>/dev/null || true
  ip netns exec $NS_PROXY setsid squid -N -f "$conf" >"$dir/squid.out" 2>&1 < /dev/null &
  echo $! > "$dir/squid.pid.harness"
  if ! wait_port $NS_PROXY $PROXY_IP $SQUID_PORT 20; then
    cat "$dir/squid.out" "$dir/cache.log" >&2 2>/dev/null || true
    die "squid ($mode) did not listen on $PROXY_IP:$SQUID_PORT within 20s"
  fi
  echo "squid: $mode"
}

case "${1:-}" in
  up) up ;;
  down) down; echo "down" ;;
  squid) squid_start "${2:-open}" ;;
  squid-stop) squid_stop; echo "squid stopped" ;;
  status) ip netns list; ls -la "$dir" 2>/dev/null || true ;;
  *) die "usage: netns.sh up|down|squid <open|auth|deny>|squid-stop|status" ;;
esac
