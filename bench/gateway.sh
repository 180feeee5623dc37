#!/usr/bin/env bash
# Gateway benchmark, in one run on one machine:
#   1. throughput and p50/p99 latency of a signed GET /v0/status through the gateway (Garage bearer
#      token, and JuiceFS HMAC) against the same backend called directly with an internal JWT;
#   2. revocation latency: time from a credential change being answered to the old credential being
#      refused by the gateway (Jidoteki token change, N times).
# Starts its own stack (scripts/stack.sh) and stops it afterwards. Results: bench/results/.
#
#   bench/gateway.sh [duration-seconds] [connections]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib.sh"
DURATION=${1:-15}
CONNECTIONS=${2:-16}
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
OUT="$RESULTS/gateway-$(date -u +%Y%m%dT%H%M%SZ).txt"

command -v wrk >/dev/null || { [[ $(id -u) -eq 0 ]] && apt-get install -y -qq --no-install-recommends wrk >/dev/null; } \
  || die "wrk is needed (apt-get install wrk)"

export STEWARD_INTERNAL_JWT_PRIVATE_KEY=$(new_internal_jwt_private_key)
export STEWARD_SKIP_BUILD=${STEWARD_SKIP_BUILD:-1}
export GATEWAY_PORT=$(free_port)
# wrk is one client address and one credential at thousands of requests a second: raise the rate
# limits far above that (they stay on, so their cost is part of what is measured).
# The access log (one console line per request) is off, as in the results recorded before it existed.
export STEWARD_GATEWAY_ACCESS_LOG_ENABLED=false
export STEWARD_GATEWAY_RATE_LIMIT_PER_CLIENT_RATE=1000000 STEWARD_GATEWAY_RATE_LIMIT_PER_CLIENT_BURST=1000000
export STEWARD_GATEWAY_RATE_LIMIT_PER_CREDENTIAL_RATE=1000000 STEWARD_GATEWAY_RATE_LIMIT_PER_CREDENTIAL_BURST=1000000
# Its own throw-away stack state, so a benchmark neither sees nor deletes the developer's data.
export STEWARD_STATE="$STEWARD_STATE/bench"
mkdir -p "$STEWARD_STATE"
"$ROOT/scripts/stack.sh" reset > "$STEWARD_STATE/bench-stack.log" 2>&1 &
STACK_PID=$!
trap 'kill -TERM $STACK_PID 2>/dev/null; wait $STACK_PID 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  grep -q "Steward is up" "$STEWARD_STATE/bench-stack.log" 2>/dev/null && break
  kill -0 $STACK_PID 2>/dev/null || { cat "$STEWARD_STATE/bench-stack.log"; die "stack did not start"; }
  sleep 1
done
source "$STEWARD_STATE/stack.env"
GW=$STEWARD_URL

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
internal_jwt() { # what the gateway would mint (ES256 with its private key), valid for 10 minutes
  local now header payload der
  now=$(date +%s)
  header=$(printf '{"alg":"ES256"}' | b64url)
  payload=$(printf '{"iss":"steward-gateway","aud":"steward-internal","sub":"token:bench","roles":["ADMIN","API"],"role":"admin","scopes":["*"],"scheme":"bench","iat":%d,"nbf":%d,"exp":%d}' \
    "$now" "$((now - 1))" "$((now + 600))" | b64url)
  printf '%s' "$STEWARD_INTERNAL_JWT_PRIVATE_KEY" | openssl base64 -d -A > "$STEWARD_STATE/bench-internal-key.der"
  # openssl signs in DER (SEQUENCE of r and s); JWS wants r || s, 32 bytes each.
  der=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -keyform DER -sign "$STEWARD_STATE/bench-internal-key.der" \
    | openssl asn1parse -inform DER | awk -F: '/INTEGER/ {printf "%064s", substr($NF, length($NF) - 63)}' | tr ' ' 0)
  printf '%s.%s.%s' "$header" "$payload" "$(perl -e 'print pack("H*", $ARGV[0])' "$der" | b64url)"
}
juicefs_auth() { # access key, secret, method, path: the reference client's Authorization header
  local ts host signature
  ts=$(date +%s)
  host=${GW#http://}
  signature=$(printf '%s\n%s\n%s\nhost:%s\n\n' "$ts" "$3" "$4" "$host" | openssl dgst -sha256 -hmac "$2" | awk '{print $NF}')
  printf '{"access_key": "%s", "timestamp": %d, "signature": "%s", "version": 1}' "$1" "$ts" "$signature" | openssl base64 -A
}

run_wrk() { # label, url, header [connections]
  local label=$1 url=$2 header=$3 connections=${4:-$CONNECTIONS} output threads=2
  (( connections < 2 )) && threads=1
  curl -fsS -o /dev/null -H "$header" "$url" || die "$label: warm-up request failed"
  wrk -t"$threads" -c"$connections" -d5s -H "$header" "$url" >/dev/null
  output=$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -H "$header" "$url")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$output")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$output")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$output")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$output")
  printf '%-34s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "${errors:-0}" | tee -a "$OUT" >&2
  echo "$rps"
}

{
  echo "Steward gateway benchmark, $(date -u +%FT%TZ), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d${DURATION}s"
  echo "backend: cluster-service GET /v0/status (reads PostgreSQL)"
  echo
} | tee "$OUT"

KEY=$(openssl rand -hex 32); SECRET=$(openssl rand -hex 32)
curl -fsS -o /dev/null -H "Authorization: Bearer $STEWARD_ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"accessKeyId\":\"$KEY\",\"secretAccessKey\":\"$SECRET\",\"name\":\"bench\",\"role\":\"auditor\"}" "$GW/v0/key/import"

# Warm every path (JIT of gateway and backend) before measuring any, so order does not bias results.
for _ in 1 2; do
  wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $(internal_jwt)" "$STEWARD_CLUSTER_URL/v0/status" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $STEWARD_ADMIN_TOKEN" "$GW/v0/status" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: $(juicefs_auth "$KEY" "$SECRET" GET /v0/status)" "$GW/v0/status" >/dev/null
done

direct=$(run_wrk "direct (internal JWT)" "$STEWARD_CLUSTER_URL/v0/status" "Authorization: Bearer $(internal_jwt)")
bearer=$(run_wrk "gateway, Garage bearer token" "$GW/v0/status" "Authorization: Bearer $STEWARD_ADMIN_TOKEN")
juicefs=$(run_wrk "gateway, JuiceFS HMAC" "$GW/v0/status" "Authorization: $(juicefs_auth "$KEY" "$SECRET" GET /v0/status)")
{
  echo
  awk -v d="$direct" -v b="$bearer" -v j="$juicefs" 'BEGIN {
    printf "gateway/direct throughput: bearer %.0f%%, JuiceFS %.0f%%  (target >= 50%%)\n", 100*b/d, 100*j/d }'
  echo
  echo "one connection (latency without queueing):"
} | tee -a "$OUT"
run_wrk "direct (internal JWT), 1 conn" "$STEWARD_CLUSTER_URL/v0/status" "Authorization: Bearer $(internal_jwt)" 1 >/dev/null
run_wrk "gateway, Garage bearer, 1 conn" "$GW/v0/status" "Authorization: Bearer $STEWARD_ADMIN_TOKEN" 1 >/dev/null
run_wrk "gateway, JuiceFS HMAC, 1 conn" "$GW/v0/status" "Authorization: $(juicefs_auth "$KEY" "$SECRET" GET /v0/status)" 1 >/dev/null
echo | tee -a "$OUT"

# Revocation: change the Jidoteki token, then poll with the old one until the gateway refuses it.
ROUNDS=${REVOCATION_ROUNDS:-10}
# stack.sh installs a first-run token, so the first setup is a change too.
old="$STEWARD_JIDOTEKI_FIRST_RUN_TOKEN"
latencies=()
for _ in $(seq "$ROUNDS"); do
  curl -fsS -o /dev/null "$GW/api/v1/admin/version?token=$old"            # cached in the gateway
  new="bench-$(openssl rand -hex 8)"
  curl -fsS -o /dev/null -X POST -F "newtoken=$new" "$GW/api/v1/admin/setup?token=$old"
  start=$(date +%s%3N)
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$GW/api/v1/admin/version?token=$old") == 403 ]]; do
    (( $(date +%s%3N) - start < 30000 )) || die "old token still accepted after 30 s"
    sleep 0.01
  done
  latencies+=($(( $(date +%s%3N) - start )))
  old=$new
done
printf '%s\n' "${latencies[@]}" | sort -n | awk -v n="$ROUNDS" '{ v[NR] = $1 } END {
  printf "revocation (change answered -> old token refused), %d rounds: p50 %d ms, max %d ms  (target < 1000 ms)\n", n, v[int((n+1)/2)], v[n] }' | tee -a "$OUT"
echo "results: $OUT"
