#!/usr/bin/env bash
# Starts the services the tests need, each with its own data under ${PARLEY_SERVICES_DIR:-/tmp/parley-services},
# listening on loopback only:
#   PostgreSQL on ${PARLEY_PG_PORT:-55432}   (the PostgreSQL store's tests; trust auth, superuser "postgres")
#   Redis      on ${PARLEY_REDIS_PORT:-56379} (the Redis backplane's tests; nothing persisted)
# Installs postgresql and redis-server from Debian's packages when missing. Idempotent: a service already
# running from an earlier call is reused. Prints only the environment the tests read, so a caller can do
#   eval "$(scripts/services.sh)"
# Stop them with: scripts/services.sh stop
set -euo pipefail

dir="${PARLEY_SERVICES_DIR:-/tmp/parley-services}"
pg_port="${PARLEY_PG_PORT:-55432}"
redis_port="${PARLEY_REDIS_PORT:-56379}"
pg_data="$dir/postgres"
pg_run="$dir/postgres-run" # its socket and log: written by the server's user
redis_dir="$dir/redis"

say() { echo "services.sh: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The newest installed server's binaries (Debian 12: /usr/lib/postgresql/15/bin); empty when none is.
pg_bin() {
  local bin
  for bin in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    if [ -x "$bin/pg_ctl" ]; then echo "$bin"; return; fi
  done
}

install_missing() {
  local need=()
  [ -n "$(pg_bin)" ] || need+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  [ ${#need[@]} -gt 0 ] || return 0
  say "installing ${need[*]}..."
  # Debian starts a freshly installed service on its default port (5432, 6379); these tests want only their
  # own instances, so service starts are refused during the install (Docker images already refuse them).
  local policy=/usr/sbin/policy-rc.d added=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod +x "$policy"
    added=1
  fi
  local status=0
  { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } \
    >"$dir/apt.log" 2>&1 || status=$?
  [ -z "$added" ] || as_root rm -f "$policy"
  if [ $status -ne 0 ]; then
    say "could not install ${need[*]} (see $dir/apt.log)"
    exit 1
  fi
}

# PostgreSQL refuses to run as root: as root the server runs as Debian's "postgres" system user, which
# owns its directories; anyone else runs it as themselves.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin
  bin=$(pg_bin)
  if [ ! -s "$pg_data/PG_VERSION" ]; then
    rm -rf "$pg_data"
    mkdir -p "$pg_data"
    chmod 700 "$pg_data"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$pg_data"
    # trust: any local user may connect as any role. Acceptable for a throwaway test server on loopback.
    as_pg "$bin/initdb" -D "$pg_data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-instructions \
      >"$dir/initdb.log" 2>&1 || { say "initdb failed (see $dir/initdb.log)"; exit 1; }
  fi
  mkdir -p "$pg_run"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$pg_run"
  if as_pg "$bin/pg_ctl" status -D "$pg_data" >/dev/null 2>&1; then
    return 0 # running since an earlier call
  fi
  # Each test gets a database of its own and each store a pool: more connections than the default 100.
  as_pg "$bin/pg_ctl" start -D "$pg_data" -w -s -l "$pg_run/postgres.log" \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_run -c max_connections=500" \
    >/dev/null 2>&1 || { say "PostgreSQL did not start (see $pg_run/postgres.log)"; exit 1; }
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
    return 0 # running since an earlier call
  fi
  mkdir -p "$redis_dir"
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --daemonize yes --save '' --appendonly no \
    --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log" >/dev/null \
    || { say "Redis did not start (see $redis_dir/redis.log)"; exit 1; }
  # --daemonize returns before the port is open: wait for it (bounded), as the tests connect at once.
  for _ in $(seq 1 100); do
    redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  say "Redis did not answer on port $redis_port (see $redis_dir/redis.log)"
  exit 1
}

stop_all() {
  local bin
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -s "$pg_data/PG_VERSION" ]; then
    as_pg "$bin/pg_ctl" stop -D "$pg_data" -m fast -s >/dev/null 2>&1 || true
  fi
  if command -v redis-cli >/dev/null 2>&1; then
    redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  fi
}

mkdir -p "$dir"
chmod 755 "$dir" # the postgres user must reach its directories inside

if [ "${1:-}" = "stop" ]; then
  stop_all
  exit 0
fi

install_missing
start_postgres
start_redis

echo "export PARLEY_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
echo "export PARLEY_TEST_REDIS='127.0.0.1:$redis_port'"
# Where the server binaries are, for tests that run a PostgreSQL of their own (an outage they control).
echo "export PARLEY_TEST_POSTGRES_BIN='$(pg_bin)'"
