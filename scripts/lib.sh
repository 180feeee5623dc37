# Shared helpers for Steward's scripts. Sourced, not run.

STEWARD_ROOT="${STEWARD_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
STEWARD_STATE="${STEWARD_STATE:-$STEWARD_ROOT/.steward}"

log() { printf '[steward] %s\n' "$*" >&2; }
die() { printf '[steward] error: %s\n' "$*" >&2; exit 1; }

# Prints N distinct TCP ports on 127.0.0.1 that nothing listens on right now. They are taken from
# below the kernel's ephemeral range, so an outgoing connection cannot take one before its server binds.
free_ports() {
  local count=${1:-1} low=32768 port tries=0 chosen=" "
  [[ -r /proc/sys/net/ipv4/ip_local_port_range ]] && low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range)
  (( low > 21024 )) || die "the ephemeral port range starts at $low; no room below it for Steward's ports"
  while (( count > 0 )); do
    (( tries++ < 1000 )) || die "no free port found on 127.0.0.1"
    port=$(( 20000 + RANDOM % (low - 20000) ))
    [[ "$chosen" == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      chosen+="$port "
      echo "$port"
      (( count-- ))
    fi
  done
}

free_port() { free_ports 1; }

# Waits until something accepts TCP connections on 127.0.0.1:$1, or fails after $2 seconds.
wait_for_port() {
  local port=$1 timeout=${2:-60} what=${3:-port $1} waited=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    (( waited++ >= timeout * 10 )) && die "$what did not open 127.0.0.1:$port within ${timeout}s"
    sleep 0.1
  done
}

# Waits until an HTTP URL answers 2xx, or fails after $2 seconds, or as soon as process $4 (if given)
# exits; $5, if given, is a bearer token to send (the gateway's own health needs the metrics role).
wait_for_http() {
  local url=$1 timeout=${2:-120} what=${3:-$1} pid=${4:-} bearer=${5:-} waited=0
  until curl -fsS -o /dev/null ${bearer:+-H "Authorization: Bearer $bearer"} "$url" 2>/dev/null; do
    (( waited++ >= timeout * 5 )) && die "$what did not become ready at $url within ${timeout}s"
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      die "$what exited during start-up"
    fi
    sleep 0.2
  done
}

mvnw() { "$STEWARD_ROOT/mvnw" -B -q "$@"; }

# The internal JWT's ES256 key pair, as the services take it (base64 of DER): gateways get the PKCS#8
# private key, the other services only the X.509 public key derived from it.
new_internal_jwt_private_key() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | openssl pkcs8 -topk8 -nocrypt -outform DER | openssl base64 -A
}
internal_jwt_public_key() { # private key (base64 DER)
  printf '%s' "$1" | openssl base64 -d -A | openssl pkey -inform DER -pubout -outform DER | openssl base64 -A
}
