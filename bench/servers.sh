# Sourced by the bench/run*.sh scripts (after they set OUT): builds the server and the generator in Release,
# sets BENCH and PARLEY, and defines start_server (one server under test, pinned to core 0, fresh in its own
# directory), wait_port, with_server (a command against a fresh server, stopped afterwards) and generator (the
# load generator pinned to core 1).
# Parley's per-connection limits (connections per address, default 16; the flood limiter, burst 5 then
# 2 msg/s) relaxed the way bench/irc/*.conf.in relax the daemons'. The keys are ChatServerOptions'
# properties (src/Parley.Server/ChatServerOptions.cs): keep them in step when options are renamed.
PARLEY_RELAX=${PARLEY_RELAX:-"--Parley:MaxConnectionsPerAddress 1000000 --Parley:MaxConnections 1000000 --Parley:MessageBurst 1000000000 --Parley:MessagesPerSecond 1000000000 --Parley:RequestBurst 1000000000 --Parley:RequestsPerSecond 1000000000 --Parley:FloodDisconnectRefusals 1000000000"}

ulimit -n "$(ulimit -Hn)"  # 1,000 members need more than the usual 1,024 descriptors
mkdir -p "$OUT"
dotnet build -c Release src/Parley.Server -v q -nologo >/dev/null
dotnet build -c Release bench/Parley.Bench -v q -nologo >/dev/null
BENCH=bench/Parley.Bench/bin/Release/net10.0/Parley.Bench.dll
PARLEY=src/Parley.Server/bin/Release/net10.0/Parley.Server.dll

start_server() { # $1 server, $2 port, $3 fresh directory; prints the pid
  local sed_args=(-e "s|@PORT@|$2|g" -e "s|@DIR@|$3|g")
  case $1 in
    parley)
      # shellcheck disable=SC2086
      taskset -c 0 dotnet "$PARLEY" --port "$2" --http-port 0 --db "$3/parley.db" --history-delay 0 $PARLEY_RELAX >"$3/server.log" 2>&1 &
      ;;
    ngircd)
      sed "${sed_args[@]}" bench/irc/ngircd.conf.in >"$3/ngircd.conf"
      # ngircd listens with a backlog of 10 (listen(sock, 10) in its conn.c, no setting for it). 50 logins in
      # flight overflowed it: the kernel dropped SYNs (retried after 1 s, then 3 s: slow logins) and
      # answered some handshakes with SYN cookies that then failed, i.e. with a reset (the idle workload's
      # "connection reset by peer"). ngircd also takes its listening socket from systemd (socket activation):
      # systemd-socket-activate opens it with the system's backlog (net.core.somaxconn; InspIRCd's config
      # asks for 4096, Kestrel uses 512) and execs ngircd, same pid, at the first connection (wait_port's).
      taskset -c 0 systemd-socket-activate -l "127.0.0.1:$2" ngircd --nodaemon --config "$3/ngircd.conf" >"$3/server.log" 2>&1 &
      ;;
    inspircd)
      sed "${sed_args[@]}" bench/irc/inspircd.conf.in >"$3/inspircd.conf"
      taskset -c 0 inspircd --nofork --runasroot --config="$3/inspircd.conf" >"$3/server.log" 2>&1 &
      ;;
  esac
  echo $!
}

wait_port() { # $1 port
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listening on $1" >&2
  return 1
}

# with_server SERVER PORT COMMAND...: runs COMMAND against a fresh SERVER on PORT, with SERVER_PID, PROTOCOL
# (parley or irc) and OPER (the generator's --irc-oper arguments, for publishers) set, then stops the server
# and removes its directory. A failed COMMAND is reported, not
# fatal: the other servers and runs go on.
with_server() {
  local server=$1 port=$2 dir
  shift 2
  dir=$(mktemp -d "/tmp/parley-bench-$server-XXXX")
  SERVER_PID=$(start_server "$server" "$port" "$dir")
  wait_port "$port"
  sleep 1 # let it finish starting (ngircd is exec'd only at wait_port's connection)
  PROTOCOL=irc
  [[ $server == parley ]] && PROTOCOL=parley
  # ngircd caps the commands it handles per read for a user unless the user is an operator with mode +F.
  OPER=()
  [[ $server == ngircd ]] && OPER=(--irc-oper bench:benchpass)
  echo "== $server on port $port (pid $SERVER_PID): $*"
  "$@" || echo "run failed: $server: $*" >&2
  kill "$SERVER_PID" 2>/dev/null || true
  # Not this shell's child (started in $(...)), so no wait: poll until it is gone, so it cannot share core 0
  # with the next server.
  for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$dir"
}

# Socket continuations run on the epoll thread: the generator has one core, and with 1,000 members a hop
# through the thread pool per read made the generator, not the server, the bottleneck.
generator() {
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 taskset -c 1 dotnet "$BENCH" "$@"
}
