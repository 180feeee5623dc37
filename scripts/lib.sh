# Shared helpers for Steward's scripts. Sourced, not run.

STEWARD_ROOT="${STEWARD_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
STEWARD_STATE="${STEWARD_STATE:-$STEWARD_ROOT/.steward}"

log() { printf '[steward] %s\n' "$*" >&2; }
die() { printf '[steward] error: %s\n' "$*" >&2; exit 1; }

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  local port tries=0
  while (( tries++ < 200 )); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found on 127.0.0.1"
}

# Waits until something accepts TCP connections on 127.0.0.1:$1, or fails after $2 seconds.
wait_for_port() {
  local port=$1 timeout=${2:-60} what=${3:-port $1} waited=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    (( waited++ >= timeout * 10 )) && die "$what did not open 127.0.0.1:$port within ${timeout}s"
    sleep 0.1
  done
}

# Waits until an HTTP URL answers 2xx, or fails after $2 seconds, or as soon as process $4 (if given) exits.
wait_for_http() {
  local url=$1 timeout=${2:-120} what=${3:-$1} pid=${4:-} waited=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    (( waited++ >= timeout * 5 )) && die "$what did not become ready at $url within ${timeout}s"
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      die "$what exited during start-up"
    fi
    sleep 0.2
  done
}

mvnw() { "$STEWARD_ROOT/mvnw" -B -q "$@"; }
