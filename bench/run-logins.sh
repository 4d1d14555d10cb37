#!/usr/bin/env bash
# Workload 3 (logins) against Parley, ngircd and InspIRCd: each server pinned to core 0, the generator to
# core 1, a fresh server for every measurement. Modes, CONCURRENCY clients in flight at a time:
#   room           ROOM_CLIENTS clients log in and join one room (IRC: NICK/USER, 001, JOIN, 366) and stay
#   registrations  REGISTRATIONS clients log in with a new name (IRC: register, 001), then log out (QUIT)
#   accounts       Parley only: ACCOUNTS clients log in and register the name with a password (PBKDF2)
# Per run: logins/s (clients / wall time) and each client's connect-to-done latency; medians over RUNS runs
# in $OUT/summary.json and summary.md.
# Usage: bench/run-logins.sh   (environment, defaults in brackets: SERVERS ["parley ngircd inspircd"],
#   MODES ["room registrations accounts"], ROOM_CLIENTS [1000], REGISTRATIONS [10000], ACCOUNTS [100],
#   CONCURRENCY [50], RUNS [3], OUT [bench/results/logins-<UTC time>], BASE_PORT [17700], PARLEY_RELAX as in
#   bench/servers.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SERVERS=${SERVERS:-"parley ngircd inspircd"}
MODES=${MODES:-"room registrations accounts"}
ROOM_CLIENTS=${ROOM_CLIENTS:-1000}
REGISTRATIONS=${REGISTRATIONS:-10000}
ACCOUNTS=${ACCOUNTS:-100}
CONCURRENCY=${CONCURRENCY:-50}
RUNS=${RUNS:-3}
OUT=${OUT:-bench/results/logins-$(date -u +%Y%m%dT%H%M%SZ)}
PORT=${BASE_PORT:-17700}
# shellcheck source=bench/servers.sh
source bench/servers.sh # builds, relaxes Parley's limits (PARLEY_RELAX), start_server, with_server, generator

logins() { # $1 server, $2 mode, $3 clients, $4 run
  generator logins --server "$1" --protocol "$PROTOCOL" --port "$PORT" --server-pid "$SERVER_PID" \
    --mode "$2" --clients "$3" --concurrency "$CONCURRENCY" --out "$OUT/$1-$2-$4.json"
}

for run in $(seq "$RUNS"); do
  for mode in $MODES; do
    case $mode in
      room) clients=$ROOM_CLIENTS ;;
      registrations) clients=$REGISTRATIONS ;;
      accounts) clients=$ACCOUNTS ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    # Servers interleaved within a run, so a noisy minute on the machine hits all of them.
    for server in $SERVERS; do
      [[ $mode == accounts && $server != parley ]] && continue # the daemons have no accounts
      PORT=$((PORT + 1))
      with_server "$server" "$PORT" logins "$server" "$mode" "$clients" "$run"
    done
  done
done

dotnet "$BENCH" summarize --workload logins --out "$OUT/summary.json" "$OUT"/*-*-*.json | tee "$OUT/summary.md"
