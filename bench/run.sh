#!/usr/bin/env bash
# Workload 1 (room broadcast) against Parley, ngircd and InspIRCd, like for like on a 2-core machine: each
# server pinned to core 0 (taskset -c 0; the IRC daemons are single-threaded), the generator to core 1.
# Every run starts a fresh server (fresh database, fresh config directory) on its own port. Medians over
# RUNS runs go to $OUT/summary.json and a chart (docs/bench-broadcast.png). Install the daemons first with
# bench/setup-irc.sh (root).
#
# Usage: bench/run.sh   (environment, defaults in brackets:)
#   SERVERS ["parley ngircd inspircd"]  MEMBERS ["1000 100"]  SIZES ["100 400"]  RUNS [3]
#   STEP_SECONDS [3: 1 s warm-up, 2 s measured]  STEPS [offered deliveries/s, see below]  OUT [bench/results/<UTC time>]
#   CHART [docs/bench-broadcast.png]  PARLEY_RELAX (bench/servers.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SERVERS=${SERVERS:-"parley ngircd inspircd"}
MEMBERS=${MEMBERS:-"1000 100"}
SIZES=${SIZES:-"100 400"}
RUNS=${RUNS:-3}
STEP_SECONDS=${STEP_SECONDS:-3}
STEPS=${STEPS:-100000,250000,500000,750000,1000000,1500000,2000000,2500000,3000000,4000000,5000000}
OUT=${OUT:-bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
CHART=${CHART:-docs/bench-broadcast.png}
PORT=${BASE_PORT:-17100}
# shellcheck source=bench/servers.sh
source bench/servers.sh # builds, relaxes Parley's limits (PARLEY_RELAX), start_server, with_server, generator

broadcast() { # $1 server, $2 members, $3 text bytes, $4 run
  generator broadcast --server "$1" --protocol "$PROTOCOL" --port "$PORT" --members "$2" --text-bytes "$3" \
    --steps "$STEPS" --step-seconds "$STEP_SECONDS" --server-pid "$SERVER_PID" "${OPER[@]}" --out "$OUT/$1-$2-$3-$4.json"
}

for members in $MEMBERS; do
  for size in $SIZES; do
    for run in $(seq "$RUNS"); do
      # Servers interleaved within a run, so a noisy minute on the shared machine hits all of them.
      for server in $SERVERS; do
        PORT=$((PORT + 1))
        with_server "$server" "$PORT" broadcast "$server" "$members" "$size" "$run"
      done
    done
  done
done

dotnet "$BENCH" summarize --out "$OUT/summary.json" --chart "$CHART" "$OUT"/*-*-*-*.json | tee "$OUT/summary.md"
