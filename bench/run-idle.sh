#!/usr/bin/env bash
# Workload 2 (idle connections): CONNECTIONS clients log in (IRC: register) to a fresh server pinned to core
# 0 and stay silent; the server's RSS before and after, per connection. Generator on core 1.
# Usage: bench/run-idle.sh   (environment: SERVERS ["parley ngircd inspircd"], CONNECTIONS [10000], RUNS [3],
#   OUT [bench/results/idle-<UTC time>], PARLEY_RELAX as in bench/servers.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SERVERS=${SERVERS:-"parley ngircd inspircd"}
CONNECTIONS=${CONNECTIONS:-10000}
RUNS=${RUNS:-3}
OUT=${OUT:-bench/results/idle-$(date -u +%Y%m%dT%H%M%SZ)}
PORT=${BASE_PORT:-17500}
# shellcheck source=bench/servers.sh
source bench/servers.sh # builds, relaxes Parley's limits (PARLEY_RELAX), start_server, with_server, generator

idle() { # $1 server, $2 run
  generator idle --server "$1" --protocol "$PROTOCOL" --port "$PORT" --connections "$CONNECTIONS" \
    --server-pid "$SERVER_PID" --out "$OUT/$1-$2.json"
}

for run in $(seq "$RUNS"); do
  for server in $SERVERS; do
    PORT=$((PORT + 1))
    with_server "$server" "$PORT" idle "$server" "$run"
  done
done
