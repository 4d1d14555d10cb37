# Sourced by bench/run.sh and bench/run-idle.sh: start one server under test, pinned to core 0, fresh in
# its own directory; wait for its port. Expects PARLEY (the server dll) and PARLEY_RELAX to be set.
start_server() { # $1 server, $2 port, $3 fresh directory; prints the pid
  local sed_args=(-e "s|@PORT@|$2|g" -e "s|@DIR@|$3|g")
  case $1 in
    parley)
      # shellcheck disable=SC2086
      taskset -c 0 dotnet "$PARLEY" --port "$2" --db "$3/parley.db" --history-delay 0 $PARLEY_RELAX >"$3/server.log" 2>&1 &
      ;;
    ngircd)
      sed "${sed_args[@]}" bench/irc/ngircd.conf.in >"$3/ngircd.conf"
      taskset -c 0 ngircd --nodaemon --config "$3/ngircd.conf" >"$3/server.log" 2>&1 &
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

