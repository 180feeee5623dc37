#!/usr/bin/env bash
# Starts the whole Steward stack locally without Docker: real PostgreSQL and Kafka (scripts/infra.sh)
# and the four services as processes. Prints where the gateway listens and the admin token;
# Ctrl-C stops everything. What you put in it stays: the databases, Kafka's data and the secrets
# (tokens, keys; drawn on first start into $STEWARD_STATE/secrets.env, readable only by you) are
# kept across restarts.
#
#   scripts/stack.sh            build if needed, start (with the kept data and secrets), wait for Ctrl-C
#   scripts/stack.sh reset      delete the kept data and secrets first, then start afresh
#   STEWARD_ADMIN_TOKEN=...     use this admin token instead of a generated one
#   STEWARD_INTERNAL_JWT_PRIVATE_KEY=...  the gateway's ES256 internal JWT key, base64 PKCS#8 DER (default: a
#                               fresh one; benchmarks sign with it to call services directly)
#   GATEWAY_PORT=8080           gateway port (default 8080, or a free port if 8080 is taken)
#   GATEWAY_TLS_PORT=8443       gateway HTTPS port (default 8443, or a free port if 8443 is taken)
#   STEWARD_JIDOTEKI_FIRST_RUN_TOKEN=...  Jidoteki API token installed at first start (default: a fresh one;
#                               never empty, so /api/v1/admin/setup is never open to anonymous callers)
#   STEWARD_LICENSE_PUBLIC_KEY=...  vendor key that licenses must be signed with (scripts/license.sh)
#   STEWARD_DEBUG_PUBLIC_KEY=...    vendor RSA key /debug bundles are encrypted for
#   STEWARD_UPDATE_KEY=...          key update packages are sealed with (default: a fresh one)
#   STEWARD_AGENTS=3            node agents to start, one per zone (dc1, dc2, ...), each keeping its node id in
#                               $STEWARD_STATE/agents/node-N; connected at every start, given roles on the first
#   STEWARD_REPLICAS=1          instances of every service (identity, cluster, jobs, gateway); replicas of a
#                               service share its database and consumer groups, and every gateway is given
#                               all of each service's replicas (it fails over between them)
#   STEWARD_SKIP_BUILD=1        use the jars already in */target
#   STEWARD_JAVA_OPTS=...       JVM options of the services (default: -Xms64m -Xmx384m -XX:+UseSerialGC)
#   STEWARD_RESTART_LIMIT=5     a process that dies is started again (same port, same environment, log
#                               appended); one that dies this many times within a minute stops the stack
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOG_DIR="$STEWARD_STATE/logs"
SECRETS="$STEWARD_STATE/secrets.env"
FRESH=
case "${1:-}" in
  reset) FRESH=--fresh ;;
  "") ;;
  *) die "usage: $0 [reset]" ;;
esac

stop_all() {
  trap - INT TERM EXIT
  log "stopping services"
  for pid in "${PIDOF[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDOF[@]}"; do wait "$pid" 2>/dev/null || true; done
  "$STEWARD_ROOT/scripts/infra.sh" stop
}

# Every process the stack runs, by name: its pid, and the command that (re)starts it.
declare -A PIDOF
declare -A COMMAND
declare -A RESTARTS

# launch NAME LOG COMMAND...: starts COMMAND in the background, appending to LOG, and remembers how.
launch() {
  local name=$1 logfile=$2; shift 2
  COMMAND[$name]="$(printf '%q ' "$@")>>$(printf '%q' "$logfile") 2>&1"
  eval "${COMMAND[$name]} &"
  PIDOF[$name]=$!
}

# Restarts whatever died, as an orchestrator would; gives up on a process that keeps dying.
supervise() {
  local limit=${STEWARD_RESTART_LIMIT:-5}
  while sleep 0.5; do
    for name in "${!PIDOF[@]}"; do
      kill -0 "${PIDOF[$name]}" 2>/dev/null && continue
      local status=0
      wait "${PIDOF[$name]}" 2>/dev/null || status=$?
      local now=$SECONDS recent=()
      for at in ${RESTARTS[$name]:-}; do (( now - at < 60 )) && recent+=("$at"); done
      if (( ${#recent[@]} >= limit )); then
        log "$name died $limit times within a minute (exit $status); stopping the stack (see $LOG_DIR)"
        return 1
      fi
      RESTARTS[$name]="${recent[*]} $now"
      log "$name exited ($status); starting it again"
      eval "${COMMAND[$name]} &"
      PIDOF[$name]=$!
    done
  done
}

jar_of() { ls "$STEWARD_ROOT/$1/target/$1-"*-all.jar 2>/dev/null | head -n 1; }

if [[ "${STEWARD_SKIP_BUILD:-}" != 1 || -z "$(jar_of gateway-service)" ]]; then
  log "building the services (./mvnw package -DskipTests)"
  mvnw -f "$STEWARD_ROOT/pom.xml" package -DskipTests
fi

mkdir -p "$LOG_DIR"
if [[ -n "$FRESH" ]]; then
  rm -f "$SECRETS"
fi
"$STEWARD_ROOT/scripts/infra.sh" start $FRESH
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM
source "$STEWARD_STATE/infra.env"

# The secrets belong with the data they protect (the KEK seals stored secrets): drawn once, kept
# in a file only this user can read, reused on every start. Variables set by the caller win.
if [[ ! -f "$SECRETS" ]]; then
  ( umask 077
    cat > "$SECRETS" <<SECRETS_ENV
# Written by scripts/stack.sh on first start; kept with the data under $STEWARD_STATE. 'scripts/stack.sh reset' deletes both.
SAVED_ADMIN_TOKEN=$(openssl rand -hex 24)
SAVED_METRICS_TOKEN=$(openssl rand -hex 24)
SAVED_FIRST_RUN_TOKEN=$(openssl rand -hex 24)
SAVED_INTERNAL_PRIVATE_KEY=$(new_internal_jwt_private_key)
SAVED_KEK=$(openssl rand -base64 32)
SAVED_UPDATE_KEY=$(openssl rand -base64 32)
SECRETS_ENV
  )
  log "secrets drawn into $SECRETS"
fi
chmod 600 "$SECRETS"
source "$SECRETS"
ADMIN_TOKEN="${STEWARD_ADMIN_TOKEN:-$SAVED_ADMIN_TOKEN}"
METRICS_TOKEN="${STEWARD_METRICS_TOKEN:-$SAVED_METRICS_TOKEN}"
# Always installed: without one, the first anonymous POST /api/v1/admin/setup would own the install.
FIRST_RUN_TOKEN="${STEWARD_JIDOTEKI_FIRST_RUN_TOKEN:-$SAVED_FIRST_RUN_TOKEN}"
# The gateway signs internal JWTs with the private key; the services get only the public key.
INTERNAL_PRIVATE_KEY="${STEWARD_INTERNAL_JWT_PRIVATE_KEY:-$SAVED_INTERNAL_PRIVATE_KEY}"
INTERNAL_PUBLIC_KEY="$(internal_jwt_public_key "$INTERNAL_PRIVATE_KEY")" || die "STEWARD_INTERNAL_JWT_PRIVATE_KEY is not a base64 PKCS#8 key"
# Seals the secrets stored in identity's database: it must stay the one they were sealed with.
KEK="${STEWARD_KEK:-$SAVED_KEK}"
# The key update packages are sealed with (docs/update-package.md).
UPDATE_KEY="${STEWARD_UPDATE_KEY:-$SAVED_UPDATE_KEY}"
REPLICAS=${STEWARD_REPLICAS:-1}
[[ "$REPLICAS" =~ ^[1-9][0-9]*$ ]] || die "STEWARD_REPLICAS must be a number from 1"
# instance_of SERVICE N: the name of the service's Nth replica (the first keeps the plain name).
instance_of() { if (( $2 == 1 )); then echo "$1"; else echo "$1-$2"; fi; }
ports=($(free_ports $((5 * REPLICAS + 2))))
declare -A PORTS
next_port=0
for svc in identity cluster jobs gateway; do
  for ((r = 1; r <= REPLICAS; r++)); do PORTS[$(instance_of "$svc" "$r")]=${ports[next_port++]}; done
done
spare_port=${ports[next_port++]} spare_tls_port=${ports[next_port++]}
if [[ -n "${GATEWAY_PORT:-}" ]]; then
  gateway_port=$GATEWAY_PORT
elif (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  gateway_port=$spare_port
else
  gateway_port=8080
fi
if [[ -n "${GATEWAY_TLS_PORT:-}" ]]; then
  gateway_tls_port=$GATEWAY_TLS_PORT
elif (exec 3<>/dev/tcp/127.0.0.1/8443) 2>/dev/null; then
  gateway_tls_port=$spare_tls_port
else
  gateway_tls_port=8443
fi
PORTS[gateway]=$gateway_port
declare -A TLS_PORTS=([gateway]=$gateway_tls_port)
for ((r = 2; r <= REPLICAS; r++)); do TLS_PORTS[gateway-$r]=${ports[next_port++]}; done

# replica_urls SERVICE: every replica's address, comma-separated, as the gateway takes them.
replica_urls() {
  local urls="" r
  for ((r = 1; r <= REPLICAS; r++)); do urls+="${urls:+,}http://127.0.0.1:${PORTS[$(instance_of "$1" "$r")]}"; done
  echo "$urls"
}

# start_service INSTANCE ENV...: one replica; its service is the instance name without "-N".
start_service() {
  local instance=$1; shift
  local name=${instance%%-*}
  local upper=${name^^}
  local kafka_password="STEWARD_KAFKA_${upper}_PASSWORD"
  [[ -n "${!kafka_password:-}" ]] || die "no Kafka password for $name in $STEWARD_STATE/infra.env; run scripts/infra.sh start"
  : >"$LOG_DIR/$instance-service.log"
  # shellcheck disable=SC2086 # the JVM options are words
  launch "$instance" "$LOG_DIR/$instance-service.log" env "$@" \
    "${upper}_PORT=${PORTS[$instance]}" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" KAFKA_SECURITY_PROTOCOL="$KAFKA_SECURITY_PROTOCOL" \
    KAFKA_SASL_MECHANISM="$KAFKA_SASL_MECHANISM" KAFKA_USERNAME="$name" KAFKA_PASSWORD="${!kafka_password}" \
    java ${STEWARD_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC} -jar "$(jar_of "$name-service")"
}

for svc in identity cluster jobs; do
  db_env=(DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$STEWARD_PG_PORT/$svc"
          DATASOURCES_DEFAULT_USERNAME="$STEWARD_PG_USER" DATASOURCES_DEFAULT_PASSWORD="$STEWARD_PG_PASSWORD")
  for ((r = 1; r <= REPLICAS; r++)); do
    instance=$(instance_of "$svc" "$r")
    if [[ $svc == identity ]]; then
      start_service "$instance" "${db_env[@]}" STEWARD_INTERNAL_JWT_PUBLIC_KEY="$INTERNAL_PUBLIC_KEY" STEWARD_ADMIN_TOKEN="$ADMIN_TOKEN" STEWARD_METRICS_TOKEN="$METRICS_TOKEN" STEWARD_KEK="$KEK" \
        STEWARD_LICENSE_PUBLIC_KEY="${STEWARD_LICENSE_PUBLIC_KEY:-}" \
        STEWARD_JIDOTEKI_FIRST_RUN_TOKEN="$FIRST_RUN_TOKEN"
    elif [[ $svc == jobs ]]; then
      start_service "$instance" "${db_env[@]}" STEWARD_INTERNAL_JWT_PUBLIC_KEY="$INTERNAL_PUBLIC_KEY" STEWARD_UPDATE_KEY="$UPDATE_KEY" STEWARD_BACKUP_KEY="${STEWARD_BACKUP_KEY:-}" STEWARD_DEBUG_PUBLIC_KEY="${STEWARD_DEBUG_PUBLIC_KEY:-}"
    else
      start_service "$instance" "${db_env[@]}" STEWARD_INTERNAL_JWT_PUBLIC_KEY="$INTERNAL_PUBLIC_KEY"
    fi
  done
done
for ((r = 1; r <= REPLICAS; r++)); do
  instance=$(instance_of gateway "$r")
  start_service "$instance" STEWARD_INTERNAL_JWT_PRIVATE_KEY="$INTERNAL_PRIVATE_KEY" GATEWAY_TLS_PORT="${TLS_PORTS[$instance]}" \
    IDENTITY_URL="$(replica_urls identity)" CLUSTER_URL="$(replica_urls cluster)" JOBS_URL="$(replica_urls jobs)"
done

for svc in identity cluster jobs; do
  for ((r = 1; r <= REPLICAS; r++)); do
    instance=$(instance_of "$svc" "$r")
    wait_for_http "http://127.0.0.1:${PORTS[$instance]}/health/readiness" 180 "$instance-service (log: $LOG_DIR/$instance-service.log)" "${PIDOF[$instance]}"
  done
done
for ((r = 1; r <= REPLICAS; r++)); do
  instance=$(instance_of gateway "$r")
  wait_for_http "http://127.0.0.1:${PORTS[$instance]}/gateway/health" 180 "$instance-service (log: $LOG_DIR/$instance-service.log)" "${PIDOF[$instance]}" \
    "$METRICS_TOKEN"
done

# The cluster's nodes: real agents (node-agent/), each proving its node id to cluster-service's connect.
AGENTS=${STEWARD_AGENTS:-3}
[[ "$AGENTS" =~ ^[0-9]+$ ]] || die "STEWARD_AGENTS must be a number"
agent_specs=()
agent_ids=()
gw="http://127.0.0.1:$gateway_port"
AGENT_TOKEN=""
if (( AGENTS > 0 )); then
  # The agents' credential for downloading update packages: an auditor token that only reads nodes:*,
  # drawn anew at every start (a token is shown once), the previous one revoked.
  curl -fsS -o /dev/null -X DELETE -H "Authorization: Bearer $ADMIN_TOKEN" "$gw/steward/v1/tokens/node-agents" 2>/dev/null || true
  AGENT_TOKEN=$(curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"name":"node-agents","role":"auditor","scopes":["nodes:read"]}' "$gw/steward/v1/tokens" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
  [[ -n "$AGENT_TOKEN" ]] || die "could not create the node agents' download token"
fi
for ((i = 1; i <= AGENTS; i++)); do
  agent_port=$(free_port)
  agent_dir="$STEWARD_STATE/agents/node-$i"
  mkdir -p "$agent_dir"
  : >"$LOG_DIR/node-agent-$i.log" # emptied before the agent starts: its node id is read from it below
  launch "node-agent-$i" "$LOG_DIR/node-agent-$i.log" env STEWARD_AGENT_DATA="$agent_dir" STEWARD_AGENT_BIND=127.0.0.1 \
    STEWARD_AGENT_PORT="$agent_port" STEWARD_AGENT_ZONE="dc$i" STEWARD_AGENT_CAPACITY=100 \
    STEWARD_AGENT_GATEWAY="$gw" STEWARD_AGENT_TOKEN="$AGENT_TOKEN" STEWARD_UPDATE_KEY="$UPDATE_KEY" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" KAFKA_SECURITY_PROTOCOL="$KAFKA_SECURITY_PROTOCOL" \
    KAFKA_SASL_MECHANISM="$KAFKA_SASL_MECHANISM" KAFKA_USERNAME=agent KAFKA_PASSWORD="$STEWARD_KAFKA_AGENT_PASSWORD" java -Xmx64m -XX:+UseSerialGC -jar "$(jar_of node-agent)"
  agent_pid=${PIDOF[node-agent-$i]} agent_id="" waited=0
  # The agent prints its node id once it listens.
  until agent_id=$(sed -n 's/^node-agent \([0-9a-f]\{64\}\) listening.*/\1/p' "$LOG_DIR/node-agent-$i.log" 2>/dev/null | head -n 1); [[ -n "$agent_id" ]]; do
    kill -0 "$agent_pid" 2>/dev/null || die "node agent $i exited during start-up (log: $LOG_DIR/node-agent-$i.log)"
    (( waited++ < 600 )) || die "node agent $i printed no node id within 60s (log: $LOG_DIR/node-agent-$i.log)"
    sleep 0.1
  done
  agent_ids+=("$agent_id")
  agent_specs+=("\"$agent_id@127.0.0.1:$agent_port\"")
done
if (( AGENTS > 0 )); then
  connected=$(curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "[$(IFS=,; echo "${agent_specs[*]}")]" "$gw/v0/connect") || die "could not connect the node agents"
  [[ "$connected" != *'"success":false'* ]] || die "a node agent was refused: $connected"
  layout=$(curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "$gw/v0/layout")
  if [[ "$layout" == *'"roles":{}'* ]]; then
    roles=""
    for ((i = 0; i < AGENTS; i++)); do
      roles+="${roles:+,}\"${agent_ids[$i]}\":{\"zone\":\"dc$((i + 1))\",\"capacity\":100,\"tags\":[\"node-$((i + 1))\"]}"
    done
    curl -fsS -o /dev/null -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -d "{$roles}" "$gw/v0/layout"
    version=$(curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "$gw/v0/layout" | sed -n 's/.*"version":\([0-9]*\).*/\1/p')
    curl -fsS -o /dev/null -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"version\":$((version + 1))}" "$gw/v0/layout/apply" || log "the first layout was not applied (fewer agents than the replication factor?)"
    log "applied a first layout over $AGENTS node agent(s)"
  fi
fi

cat > "$STEWARD_STATE/stack.env" <<ENV
export STEWARD_URL=http://127.0.0.1:$gateway_port
export STEWARD_TLS_URL=https://127.0.0.1:$gateway_tls_port
export STEWARD_UPDATE_KEY=$UPDATE_KEY
export STEWARD_ADMIN_TOKEN=$ADMIN_TOKEN
export STEWARD_METRICS_TOKEN=$METRICS_TOKEN
export STEWARD_JIDOTEKI_FIRST_RUN_TOKEN=$FIRST_RUN_TOKEN
export STEWARD_IDENTITY_URL=http://127.0.0.1:${PORTS[identity]}
export STEWARD_CLUSTER_URL=http://127.0.0.1:${PORTS[cluster]}
export STEWARD_JOBS_URL=http://127.0.0.1:${PORTS[jobs]}
export STEWARD_REPLICAS=$REPLICAS
export STEWARD_GATEWAY_URLS=$(replica_urls gateway)
ENV
cat <<MSG

Steward is up.
  gateway        http://127.0.0.1:$gateway_port  https://127.0.0.1:$gateway_tls_port (self-signed until POST /api/v1/admin/certs)
  admin token    $ADMIN_TOKEN
  metrics token  $METRICS_TOKEN
  Jidoteki token $FIRST_RUN_TOKEN  (installed; change it with POST /api/v1/admin/setup?token=...)
  replicas       $REPLICAS of each service; gateways $(replica_urls gateway)
  services       identity $(replica_urls identity)
                 cluster  $(replica_urls cluster)
                 jobs     $(replica_urls jobs)  (internal JWT only)
  node agents    $AGENTS (logs: $LOG_DIR/node-agent-N.log; node keys in $STEWARD_STATE/agents)
  logs           $LOG_DIR
  env            $STEWARD_STATE/stack.env
  kept           data in $STEWARD_STATE/postgres and $STEWARD_STATE/kafka, secrets in $SECRETS
                 (kept across restarts; 'scripts/stack.sh reset' starts afresh)

Try:  curl -H "Authorization: Bearer $ADMIN_TOKEN" http://127.0.0.1:$gateway_port/v0/status

A process that dies is started again (see the logs); Ctrl-C stops everything.
MSG

supervise || true
