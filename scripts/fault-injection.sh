#!/usr/bin/env bash
# Fault injection against a throw-away local stack (its own state under $STEWARD_STATE/fault): a
# steady load of signed writes (CreateBucket with a unique global alias) through the gateway while
# each service is killed with SIGKILL in turn, then Kafka, then PostgreSQL. scripts/stack.sh
# restarts the services; this script restarts the infrastructure as an orchestrator would.
#
# It prints, and fails unless:
#   - every write that got a 2xx is in cluster-service's database (lost = 0),
#   - its BucketCreated event reached identity-service (the known_bucket projection; lost = 0) and
#     was applied once (the audit trail has one entry per event id),
#   - the only errors clients saw were 503 with Retry-After (or 409 for a retried alias; connections
#     refused while the single gateway itself was down are counted apart),
#   - each killed service answered its health check again within 10 s.
#
#   scripts/fault-injection.sh            uses the jars in */target (./mvnw package -DskipTests first)
#   STEWARD_FAULT_STEADY=10               seconds of load between faults
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STEADY=${STEWARD_FAULT_STEADY:-10}
RECOVERY_LIMIT=10
export STEWARD_SKIP_BUILD=1 STEWARD_AGENTS=0
export STEWARD_STATE="$STEWARD_STATE/fault"
RUN=fi$(date +%s)
WORK="$STEWARD_STATE/$RUN"
mkdir -p "$WORK"
[[ -n "$(ls "$STEWARD_ROOT"/gateway-service/target/gateway-service-*-all.jar 2>/dev/null)" ]] \
  || die "build the jars first: ./mvnw package -DskipTests"

"$STEWARD_ROOT/scripts/stack.sh" reset >"$WORK/stack.log" 2>&1 &
STACK_PID=$!
cleanup() {
  touch "$WORK/stop-load"
  kill -TERM "$STACK_PID" 2>/dev/null || true
  wait "$STACK_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 300); do
  grep -q "Steward is up" "$WORK/stack.log" 2>/dev/null && break
  kill -0 "$STACK_PID" 2>/dev/null || { cat "$WORK/stack.log"; die "the stack did not start"; }
  sleep 1
done
grep -q "Steward is up" "$WORK/stack.log" || die "the stack did not start within 300 s"
source "$STEWARD_STATE/stack.env"
source "$STEWARD_STATE/infra.env"

# One writer: a unique alias per request, its status, whether a 503 said when to retry.
writer() {
  local id=$1 n=0
  while [[ ! -f "$WORK/stop-load" ]]; do
    n=$((n + 1))
    local alias="$RUN-$id-$n" out
    out=$(curl -s -o /dev/null -D - -m 30 -w '%{http_code}' -H "Authorization: Bearer $STEWARD_ADMIN_TOKEN" \
      -H 'Content-Type: application/json' -d "{\"globalAlias\":\"$alias\"}" "$STEWARD_URL/v0/bucket" || true)
    local code=${out: -3} retry_after=-
    grep -qi '^retry-after:' <<<"$out" && retry_after=yes
    echo "$alias $code $retry_after" >>"$WORK/writes-$id.log"
    sleep 0.05
  done
}
WRITERS=()
for id in 1 2; do writer "$id" & WRITERS+=($!); done

port_of() { sed -n "s|.*$1_URL=http://127.0.0.1:\([0-9]*\).*|\1|p" "$STEWARD_STATE/stack.env"; }
pid_on_port() { ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1; }
# Seconds until URL answers 2xx again.
recovery() {
  local url=$1 started=$EPOCHREALTIME
  until curl -fsS -o /dev/null -m 2 "$url" 2>/dev/null; do
    sleep 0.1
    (( $(date +%s) - ${started%.*} < 120 )) || { echo "never"; return; }
  done
  awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}
# Seconds until a write through the gateway succeeds again (after an infrastructure restart).
write_recovery() {
  local started=$EPOCHREALTIME
  until [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Authorization: Bearer $STEWARD_ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"globalAlias\":\"$RUN-probe-$RANDOM$RANDOM\"}" "$STEWARD_URL/v0/bucket") == 200 ]]; do
    sleep 0.1
    (( $(date +%s) - ${started%.*} < 120 )) || { echo "never"; return; }
  done
  awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}
RESULTS=()
record() { RESULTS+=("$(printf '%-12s back after %5s s' "$1" "$2")"); log "$1 back after $2 s"; }

sleep "$STEADY"
for svc in CLUSTER IDENTITY JOBS; do
  pid=$(pid_on_port "$(port_of "STEWARD_$svc")")
  [[ -n "$pid" ]] || die "no process listens for ${svc,,}-service"
  log "kill -9 ${svc,,}-service ($pid)"
  kill -9 "$pid"
  sleep 0.5 # the supervisor notices within 0.5 s; measure from the kill
  record "${svc,,}" "$(recovery "$(sed -n "s|.*STEWARD_${svc}_URL=\(.*\)|\1|p" "$STEWARD_STATE/stack.env")/health/readiness")"
  sleep "$STEADY"
done
gateway_port=${STEWARD_URL##*:}
pid=$(pid_on_port "$gateway_port")
log "kill -9 gateway-service ($pid)"
kill -9 "$pid"
record gateway "$(recovery "$STEWARD_URL/gateway/health/liveness")"
sleep "$STEADY"

# crash_infra NAME PID: kill -9, then start the infrastructure again as its orchestrator would; time to the next write.
crash_infra() {
  log "kill -9 $1 ($2), then start the infrastructure again"
  kill -9 "$2"
  sleep 2
  local started=$EPOCHREALTIME
  "$STEWARD_ROOT/scripts/infra.sh" start >>"$WORK/infra.log" 2>&1
  record "$1" "$(awk -v a="$started" -v b="$EPOCHREALTIME" -v w="$(write_recovery)" 'BEGIN { printf "%.1f", b - a + w }')"
  sleep "$STEADY"
}
crash_infra kafka "$(cat "$STEWARD_STATE/kafka/pid")"
crash_infra postgres "$(head -n 1 "$STEWARD_STATE/postgres/data/postmaster.pid")"
touch "$WORK/stop-load"
wait "${WRITERS[@]}" 2>/dev/null || true
sleep 5 # the last events reach their consumers

cat "$WORK"/writes-*.log >"$WORK/writes.log"
psql_in() {
  PGPASSWORD="$STEWARD_PG_PASSWORD" "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql" -qtAX -h 127.0.0.1 \
    -p "$STEWARD_PG_PORT" -U "$STEWARD_PG_USER" -d "$1" -c "$2"
}
total=$(wc -l <"$WORK/writes.log")
acked=$(awk '$2 ~ /^2/' "$WORK/writes.log" | wc -l)
awk '$2 ~ /^2/ {print $1}' "$WORK/writes.log" | sort >"$WORK/acked.txt"
psql_in cluster "SELECT alias FROM bucket_global_alias WHERE alias LIKE '$RUN-%'" | sort >"$WORK/in-cluster.txt"
psql_in identity "SELECT a FROM known_bucket, unnest(global_aliases) a WHERE a LIKE '$RUN-%'" | sort >"$WORK/in-identity.txt"
lost_db=$(comm -23 "$WORK/acked.txt" "$WORK/in-cluster.txt" | wc -l)
lost_events=$(comm -23 "$WORK/in-cluster.txt" "$WORK/in-identity.txt" | wc -l)
twice=$(psql_in identity "SELECT count(*) FROM (SELECT event_id FROM audit_entry WHERE event_id IS NOT NULL GROUP BY event_id HAVING count(*) > 1) d")
# 000: no gateway took the connection (the one gateway was down); with replicas a client goes to another.
refused=$(awk '$2 == "000"' "$WORK/writes.log" | wc -l)
unexpected=$(awk '$2 !~ /^2/ && !($2 == "503" && $3 == "yes") && $2 != "409" && $2 != "000"' "$WORK/writes.log" | wc -l)
statuses=$(awk '{print $2}' "$WORK/writes.log" | sort | uniq -c | awk '{printf "%s x %s, ", $1, $2}')

cat <<REPORT | tee "$WORK/report.txt"

Fault injection $RUN ($(date -u +%FT%TZ)), $STEADY s of load between faults
$(printf '  %s\n' "${RESULTS[@]}")
  writes sent          $total   (${statuses%, })
  writes acknowledged  $acked
  found in cluster     $(wc -l <"$WORK/in-cluster.txt")   lost: $lost_db
  events expected      $(wc -l <"$WORK/in-cluster.txt")   found in identity: $(wc -l <"$WORK/in-identity.txt")   lost: $lost_events
  events applied twice $twice
  gateway unreachable  $refused   (connection refused while the only gateway was down)
  other errors         $unexpected   (anything but 2xx, 409, or 503 with Retry-After)
  details              $WORK
REPORT

fail=0
(( lost_db == 0 )) || { log "acknowledged writes are missing"; fail=1; }
(( lost_events == 0 )) || { log "events are missing"; fail=1; }
(( twice == 0 )) || { log "events were applied twice"; fail=1; }
(( unexpected == 0 )) || { log "clients saw other errors: $(awk '$2 !~ /^2/ && !($2 == "503" && $3 == "yes") && $2 != "409" && $2 != "000"' "$WORK/writes.log" | head -5 | tr '\n' ';')"; fail=1; }
for line in "${RESULTS[@]}"; do
  name=$(awk '{print $1}' <<<"$line") seconds=$(awk '{print $4}' <<<"$line")
  [[ $name == kafka || $name == postgres ]] && continue
  [[ $seconds != never ]] && awk -v s="$seconds" -v l="$RECOVERY_LIMIT" 'BEGIN { exit !(s <= l) }' \
    || { log "$name took $seconds s to answer again (limit $RECOVERY_LIMIT s)"; fail=1; }
done
exit $fail
