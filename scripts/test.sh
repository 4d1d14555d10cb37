#!/usr/bin/env bash
# Runs every test project and prints one summary line: "N passed, N failed, N skipped".
# Exits non-zero when a test failed or when no test ran. Extra arguments go to `dotnet test`
# (e.g. --no-build, or --filter "FullyQualifiedName~Protocol").
# Installs what the tests need from Debian's packages when it is missing: tmux (the client's terminal tests)
# and chromium (the web client's browser tests, which Playwright drives without downloading a browser).
# Starts PostgreSQL and Redis for the tests that need a server (scripts/services.sh, installed when missing).
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}..."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null || {
    echo "Could not install ${need[*]}; the terminal or browser tests will fail." >&2
  }
fi

# The PostgreSQL store's tests and the Redis backplane's read PARLEY_TEST_POSTGRES and PARLEY_TEST_REDIS, which
# scripts/services.sh prints once both servers run (started now, or still running from an earlier call). If it
# fails, the tests go on and those that need a server fail, each saying what is missing.
if services="$(scripts/services.sh)"; then
  eval "$services"
else
  echo "Could not start PostgreSQL and Redis; the tests that need them will fail." >&2
fi

# Playwright's driver must never fetch a browser of its own: the tests launch Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

results="$(pwd)/TestResults"
rm -rf "$results"

dotnet test Parley.slnx --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(value total); executed=$(value executed)
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
