#!/usr/bin/env bash
# Workload 1 (room broadcast) against a cluster of 1, 2 and 3 Parley nodes on this machine (--backplane redis,
# --store postgres), and against the plain single node (SQLite, no backplane) of bench/run.sh for the cost of
# the backplane itself. Like for like with run.sh's figures on a 2-core machine: every node, redis-server and
# PostgreSQL on core 0 (taskset; the services' affinity is put back on exit), the generator on core 1. Each
# run of a cluster gets a fresh PostgreSQL database and a fresh Redis prefix, both removed afterwards. The
# members (and so the 4 publishers) are spread round-robin over the nodes' ports. Setups are interleaved
# within a run, so a noisy minute on the shared machine hits all of them. Medians over RUNS runs go to
# $OUT/summary.json and $OUT/summary.md.
#
# Usage: bench/run-cluster.sh   (root, for taskset on the services; environment, defaults in brackets:)
#   NODES ["1 2 3"]  PLAIN [1: also the plain single node, "sqlite-1"; 0: not]  MEMBERS [1000]  SIZE [100]
#   RUNS [3]  STEP_SECONDS [3]  STEPS [run.sh's]  OUT [bench/results/cluster-<UTC time>]  BASE_PORT [17200]
#   PARLEY_TEST_POSTGRES, PARLEY_TEST_REDIS [from scripts/services.sh, which starts both when they are not set]
#   PARLEY_RELAX (bench/servers.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${NODES:-"1 2 3"}
PLAIN=${PLAIN:-1}
MEMBERS=${MEMBERS:-1000}
SIZE=${SIZE:-100}
RUNS=${RUNS:-3}
STEP_SECONDS=${STEP_SECONDS:-3}
STEPS=${STEPS:-100000,250000,500000,750000,1000000,1500000,2000000,2500000,3000000,4000000,5000000}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-bench/results/cluster-$STAMP}
PORT=${BASE_PORT:-17200}

if [[ -z ${PARLEY_TEST_POSTGRES:-} || -z ${PARLEY_TEST_REDIS:-} ]]; then
  eval "$(scripts/services.sh)"
fi
# shellcheck source=bench/servers.sh
source bench/servers.sh # builds, relaxes Parley's limits (PARLEY_RELAX), start_server, with_server, generator

# The services' connection string, "Key=Value;..." (Npgsql), as psql's environment.
pg_value() { tr ';' '\n' <<<"$PARLEY_TEST_POSTGRES" | sed -n "s/^$1=//Ip" | head -1; }
export PGHOST PGPORT PGUSER PGPASSWORD
PGHOST=$(pg_value Host) PGPORT=$(pg_value Port) PGUSER=$(pg_value Username) PGPASSWORD=$(pg_value Password)
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_value Database)" "$@"; }
REDIS_HOST=${PARLEY_TEST_REDIS%:*} REDIS_PORT=${PARLEY_TEST_REDIS##*:}
redis() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }

REDIS_PID=$(redis info server | sed -n 's/^process_id:\([0-9]*\).*/\1/p')
POSTMASTER_PID=$(head -1 "$(psql_admin -Atc 'show data_directory')/postmaster.pid")
service_pids() { echo "$REDIS_PID" "$POSTMASTER_PID" $(pgrep -P "$POSTMASTER_PID" || true); }
# Core 0 for the services during the run (the backends forked for the nodes inherit it from the postmaster),
# their own affinity back afterwards, whatever ends the script.
declare -A AFFINITY
for pid in $(service_pids); do AFFINITY[$pid]=$(taskset -p "$pid" | sed 's/.*: //'); done
restore_affinity() {
  for pid in $(service_pids); do taskset -a -p "${AFFINITY[$POSTMASTER_PID]}" "$pid" >/dev/null 2>&1 || true; done
  taskset -a -p "${AFFINITY[$REDIS_PID]}" "$REDIS_PID" >/dev/null 2>&1 || true
}
trap restore_affinity EXIT
for pid in $(service_pids); do taskset -a -p -c 0 "$pid" >/dev/null; done

{
  echo "command: NODES=\"$NODES\" PLAIN=$PLAIN MEMBERS=$MEMBERS SIZE=$SIZE RUNS=$RUNS STEP_SECONDS=$STEP_SECONDS STEPS=$STEPS bench/run-cluster.sh"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)')"
  echo "started: $STAMP"
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "services: $(redis-server --version | cut -d' ' -f1-3), $(psql_admin -Atc 'show server_version')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/run.txt"

broadcast() { # $1 setup, $2 run, $3 ports (comma-separated), $4 server pids (comma-separated)
  generator broadcast --server "$1" --protocol parley --ports "$3" --members "$MEMBERS" --text-bytes "$SIZE" \
    --steps "$STEPS" --step-seconds "$STEP_SECONDS" --server-pid "$4" \
    --watch-pid "redis=$REDIS_PID,postgres=$POSTMASTER_PID" --out "$OUT/$1-$2.json"
}

# cluster N RUN: N nodes on consecutive ports, one fresh database and Redis prefix, the workload, then all stopped
# and removed. A failed workload is reported, not fatal: the other setups and runs go on.
cluster() {
  local nodes=$1 run=$2 dir database prefix ports=() pids=() i
  dir=$(mktemp -d "/tmp/parley-bench-cluster-XXXX")
  database="parley_bench_${STAMP,,}_${nodes}_${run}"
  prefix="parley-bench-$STAMP-$nodes-$run"
  psql_admin -c "CREATE DATABASE $database"
  for i in $(seq "$nodes"); do
    PORT=$((PORT + 1))
    ports+=("$PORT")
    # The connection string in the environment (PARLEY__POSTGRES), out of ps, as OPERATIONS.md advises.
    # shellcheck disable=SC2086
    PARLEY__POSTGRES="$PARLEY_TEST_POSTGRES;Database=$database" taskset -c 0 dotnet "$PARLEY" --port "$PORT" --http-port 0 \
      --store postgres --backplane redis --redis "$PARLEY_TEST_REDIS" --redis-prefix "$prefix" --node-id "node$i" \
      --history-delay 0 $PARLEY_RELAX >"$dir/node$i.log" 2>&1 &
    pids+=("$!")
  done
  for port in "${ports[@]}"; do wait_port "$port"; done
  sleep 1 # let them finish starting
  echo "== cluster-$nodes on ports ${ports[*]} (pids ${pids[*]}), database $database, prefix $prefix"
  broadcast "cluster-$nodes" "$run" "$(IFS=,; echo "${ports[*]}")" "$(IFS=,; echo "${pids[*]}")" ||
    echo "run failed: cluster-$nodes run $run" >&2
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  # The nodes' logs are kept when one of them logged a warning or worse (the console logger's "warn:", "fail:", "crit:").
  if grep -qE '^(warn|fail|crit):' "$dir"/node*.log; then
    mkdir -p "$OUT/logs"
    for i in $(seq "$nodes"); do cp "$dir/node$i.log" "$OUT/logs/cluster-$nodes-$run-node$i.log"; done
    echo "warnings or errors logged by cluster-$nodes run $run: see $OUT/logs" >&2
  fi
  psql_admin -c "DROP DATABASE $database WITH (FORCE)"
  redis --scan --pattern "$prefix:*" | xargs -r redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" del >/dev/null
  rm -rf "$dir"
}

plain() { # $1 run; with_server sets PORT's server's SERVER_PID
  broadcast sqlite-1 "$1" "$PORT" "$SERVER_PID"
}

for run in $(seq "$RUNS"); do
  if [[ $PLAIN == 1 ]]; then
    PORT=$((PORT + 1))
    with_server parley "$PORT" plain "$run"
  fi
  for nodes in $NODES; do
    cluster "$nodes" "$run"
  done
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/run.txt"
dotnet "$BENCH" summarize --workload cluster --out "$OUT/summary.json" "$OUT"/*-[0-9]*.json | tee "$OUT/summary.md"
