#!/usr/bin/env bash
# Installs the two IRC daemons the broadcast benchmark compares Parley against, from Debian's packages,
# and stops the system services the packages start: bench/run.sh starts each daemon itself, fresh per run,
# on its own port, with the configs that bench/irc/ generates (see irc-config below). Run as root.
set -euo pipefail
if [[ $(id -u) -ne 0 ]]; then echo "setup-irc.sh: run as root" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ngircd inspircd
# bench/servers.sh hands ngircd its listening socket through systemd-socket-activate (see there why).
command -v systemd-socket-activate >/dev/null || apt-get install -y --no-install-recommends systemd
# The packages start a daemon on 6667; the bench wants nothing listening but what it starts.
for service in ngircd inspircd; do
  if command -v systemctl >/dev/null && systemctl is-active --quiet "$service" 2>/dev/null; then
    systemctl stop "$service" || true
    systemctl disable "$service" || true
  fi
  service "$service" stop >/dev/null 2>&1 || true
done
command -v ngircd; ngircd --version | head -1 || true
command -v inspircd; inspircd --version 2>/dev/null | head -1 || true
