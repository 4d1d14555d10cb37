#!/usr/bin/env bash
# Workload 4 (1:1 latency) against Parley, ngircd and InspIRCd: one sender, one receiver, direct messages
# (Parley: dm; IRC: PRIVMSG to the nick) at each offered rate in RATES for STEP_SECONDS, open loop. Each
# server pinned to core 0, the generator to core 1, a fresh server per run. Per rate: p50/p99/p99.9/max and
# delivered/offered; medians over RUNS runs in $OUT/summary.json and summary.md.
# Usage: bench/run-latency.sh   (environment, defaults in brackets: SERVERS ["parley ngircd inspircd"],
#   RATES [100,1000,10000], STEP_SECONDS [5], TEXT_BYTES [100], RUNS [3], OUT [bench/results/latency-<UTC time>],
#   BASE_PORT [17900], PARLEY_RELAX as in bench/servers.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SERVERS=${SERVERS:-"parley ngircd inspircd"}
RATES=${RATES:-100,1000,10000}
STEP_SECONDS=${STEP_SECONDS:-5}
TEXT_BYTES=${TEXT_BYTES:-100}
RUNS=${RUNS:-3}
OUT=${OUT:-bench/results/latency-$(date -u +%Y%m%dT%H%M%SZ)}
PORT=${BASE_PORT:-17900}
# shellcheck source=bench/servers.sh
source bench/servers.sh # builds, relaxes Parley's limits (PARLEY_RELAX), start_server, with_server, generator

latency() { # $1 server, $2 run
  generator latency --server "$1" --protocol "$PROTOCOL" --port "$PORT" --server-pid "$SERVER_PID" \
    --rates "$RATES" --step-seconds "$STEP_SECONDS" --text-bytes "$TEXT_BYTES" "${OPER[@]}" --out "$OUT/$1-$2.json"
}

for run in $(seq "$RUNS"); do
  for server in $SERVERS; do
    PORT=$((PORT + 1))
    with_server "$server" "$PORT" latency "$server" "$run"
  done
done

dotnet "$BENCH" summarize --workload latency --out "$OUT/summary.json" "$OUT"/*-*.json | tee "$OUT/summary.md"
