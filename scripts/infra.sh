#!/usr/bin/env bash
# Starts or stops Steward's real local infrastructure without Docker:
#   - PostgreSQL from the machine's binaries (installed with apt when missing and we are root),
#     run as an unprivileged user when invoked as root, databases identity, cluster and jobs;
#   - a single-node KRaft Kafka broker from Maven Central jars.
# Both listen on free ports of 127.0.0.1. `start` writes .steward/infra.env (source it to use them).
# Data is kept across stop/start (under $STEWARD_STATE); `start --fresh` (or `reset`) begins anew.
#
#   scripts/infra.sh start [--fresh] | stop | reset | status | env
#   scripts/infra.sh kafka-broker start|stop|kill DIR   an extra broker of a test's own
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_DIR="$STEWARD_STATE/postgres"
KAFKA_DIR="$STEWARD_STATE/kafka"
KAFKA_LIB="$STEWARD_STATE/kafka-lib"
ENV_FILE="$STEWARD_STATE/infra.env"
PG_USER=steward
PG_PASSWORD=steward
DATABASES=(identity cluster jobs)

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      log "PostgreSQL server binaries missing; installing them with apt-get"
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
      dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    else
      die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install the 'postgresql' package"
    fi
  fi
  echo "$dir"
}

# initdb refuses to run as root: when root, PostgreSQL runs as the unprivileged 'postgres' user.
as_pg_user() {
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    setpriv --reuid=postgres --regid="$(id -g postgres)" --init-groups -- "$@"
  else
    "$@"
  fi
}

# Runs the cluster in $PG_DIR/data on port $2 (binaries in $1), with the settings every start uses.
run_postgres() {
  as_pg_user "$1/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start \
    -o "-p $2 -k $PG_DIR/socket -c listen_addresses=127.0.0.1 -c max_connections=500 -c shared_buffers=128MB -c max_prepared_transactions=64" >/dev/null
}

# Starts the kept cluster when there is one (on its last port if still free), else creates it.
start_postgres() {
  local bin port
  bin=$(pg_bin)
  if [[ -f "$PG_DIR/data/PG_VERSION" && -f "$PG_DIR/created" ]]; then
    port=$(cat "$PG_DIR/port" 2>/dev/null || true)
    if [[ -z "$port" ]] || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port=$(free_port); fi
    run_postgres "$bin" "$port" \
      || { tail -20 "$PG_DIR/postgres.log" >&2; die "PostgreSQL did not start on its kept data ($PG_DIR); 'scripts/infra.sh reset' starts afresh"; }
    echo "$port" > "$PG_DIR/port"
    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (kept data in $PG_DIR)"
    return
  fi
  port=$(free_port)
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR/socket"
  [[ $(id -u) -eq 0 ]] && { id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres; chown -R postgres: "$PG_DIR"; }
  printf '%s\n' "$PG_PASSWORD" > "$PG_DIR/pwfile"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$PG_DIR/pwfile"
  as_pg_user "$bin/initdb" -D "$PG_DIR/data" -U "$PG_USER" --pwfile="$PG_DIR/pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  run_postgres "$bin" "$port" \
    || { cat "$PG_DIR/postgres.log" >&2; die "PostgreSQL did not start"; }
  for db in "${DATABASES[@]}"; do
    as_pg_user "$bin/createdb" -h "$PG_DIR/socket" -p "$port" -U "$PG_USER" "$db"
  done
  echo "$port" > "$PG_DIR/port"
  touch "$PG_DIR/created"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (databases: ${DATABASES[*]})"
}

stop_postgres() {
  [[ -f "$PG_DIR/data/postmaster.pid" ]] || return 0
  as_pg_user "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
}

kafka_lib() {
  if ! ls "$KAFKA_LIB"/kafka_2.13-*.jar >/dev/null 2>&1; then
    log "Fetching the Kafka broker jars from Maven Central"
    mvnw -f "$STEWARD_ROOT/scripts/kafka-runtime/pom.xml" dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIB" >&2 \
      || die "could not resolve Kafka from Maven Central"
  fi
}

KAFKA_PRINCIPALS=(admin cluster identity jobs gateway agent consumer)

# Writes a fresh single-node KRaft configuration in $KAFKA_DIR on free ports and formats its storage.
# Clients authenticate with SASL/SCRAM-SHA-512, one principal per service (passwords drawn here, kept
# in $KAFKA_DIR/credentials.env); the StandardAuthorizer refuses whatever deploy/kafka/acls.tsv does
# not grant. The controller listener takes SASL/PLAIN for the broker's own admin principal only
# (KRaft cannot use SCRAM there: the SCRAM credentials live in the metadata it serves).
configure_kafka() {
  local port controller_port cluster_id ports principal password admin_password scram=()
  kafka_lib
  ports=($(free_ports 2))
  port=${ports[0]}
  controller_port=${ports[1]}
  rm -rf "$KAFKA_DIR"
  mkdir -p "$KAFKA_DIR/data"
  {
    echo "# Written by scripts/infra.sh: the local broker's SASL/SCRAM principals (deploy/kafka/acls.tsv)."
    echo "export KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT"
    echo "export KAFKA_SASL_MECHANISM=SCRAM-SHA-512"
    for principal in "${KAFKA_PRINCIPALS[@]}"; do
      password=$(openssl rand -hex 24)
      [[ $principal == admin ]] && admin_password=$password
      scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=$password]")
      echo "export STEWARD_KAFKA_${principal^^}_PASSWORD=$password"
    done
  } > "$KAFKA_DIR/credentials.env"
  chmod 600 "$KAFKA_DIR/credentials.env"
  cat > "$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=SASL_PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_password" user_admin="$admin_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$KAFKA_DIR/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
# 16 MB instead of 128 MB of heap for compacting __consumer_offsets: ample for a development broker.
log.cleaner.dedupe.buffer.size=16777216
PROPS
  cat > "$KAFKA_DIR/log4j2.properties" <<PROPS
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$KAFKA_DIR/kafka.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=INFO
PROPS
  # A cluster id is 16 random bytes in URL-safe base64. One that starts with
  # "-" reads as an option to the storage tool (as Kafka's own random-uuid
  # avoids), so draw again until it does not.
  cluster_id=-
  while [[ $cluster_id == -* ]]; do
    cluster_id=$(openssl rand -base64 16 | tr '+/' '-_' | tr -d '=\n')
  done
  java -cp "$KAFKA_LIB/*" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
    kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$KAFKA_DIR/server.properties" "${scram[@]}" >"$KAFKA_DIR/format.log" 2>&1 \
    || { cat "$KAFKA_DIR/format.log" >&2; die "formatting Kafka storage failed"; }
  echo "$port" > "$KAFKA_DIR/port"
}

# Runs the broker configured in $KAFKA_DIR (again, after a stop or a kill: same port, same data).
run_kafka() {
  local port
  port=$(cat "$KAFKA_DIR/port")
  # shellcheck disable=SC2086 # the heap options are words
  nohup java ${STEWARD_KAFKA_HEAP:--Xms256m -Xmx512m} -XX:+UseG1GC -cp "$KAFKA_LIB/*" \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
    kafka.Kafka "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/stdout.log" 2>&1 &
  echo $! > "$KAFKA_DIR/pid"
  wait_for_port "$port" 60 "Kafka" || { tail -50 "$KAFKA_DIR/kafka.log" "$KAFKA_DIR/stdout.log" >&2; exit 1; }
  grant_kafka_acls "$port"
  log "Kafka $(basename "$(ls "$KAFKA_LIB"/kafka_2.13-*.jar)" .jar | sed 's/kafka_2.13-//') (KRaft) on 127.0.0.1:$port"
}

# Grants deploy/kafka/acls.tsv (again when the table changed since the last grant; granting is idempotent).
grant_kafka_acls() {
  local acls="$STEWARD_ROOT/deploy/kafka/acls.tsv"
  [[ "$KAFKA_DIR/acls.granted" -nt "$acls" && "$KAFKA_DIR/acls.granted" -nt "$KAFKA_DIR/credentials.env" ]] && return 0
  # shellcheck disable=SC1091
  KAFKA_ADMIN_PASSWORD=$(. "$KAFKA_DIR/credentials.env" && echo "$STEWARD_KAFKA_ADMIN_PASSWORD") \
    java -cp "$KAFKA_LIB/*" "$STEWARD_ROOT/scripts/kafka-runtime/KafkaAcls.java" "127.0.0.1:$1" "$acls" \
      >"$KAFKA_DIR/acls.log" 2>&1 || { cat "$KAFKA_DIR/acls.log" >&2; die "granting Kafka ACLs failed"; }
  touch "$KAFKA_DIR/acls.granted"
}

# Runs the kept broker (same ports, same data) when there is one, else configures a new one.
start_kafka() {
  if [[ -f "$KAFKA_DIR/port" && -f "$KAFKA_DIR/server.properties" && ! -f "$KAFKA_DIR/credentials.env" ]]; then
    log "Kafka: the kept broker predates SASL and ACLs; configuring a new one"
    configure_kafka
  elif [[ -f "$KAFKA_DIR/port" && -f "$KAFKA_DIR/server.properties" ]]; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$(cat "$KAFKA_DIR/port")") 2>/dev/null; then
      die "Kafka's kept port $(cat "$KAFKA_DIR/port") is taken by something else; 'scripts/infra.sh reset' starts afresh"
    fi
    log "Kafka: kept data in $KAFKA_DIR"
  else
    configure_kafka
  fi
  run_kafka
}

kafka_running() {
  [[ -f "$KAFKA_DIR/pid" ]] && kill -0 "$(cat "$KAFKA_DIR/pid")" 2>/dev/null
}

stop_kafka() {
  [[ -f "$KAFKA_DIR/pid" ]] || return 0
  local pid waited=0
  pid=$(cat "$KAFKA_DIR/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && (( waited++ < 300 )); do sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$KAFKA_DIR/pid"
}

running() {
  kafka_running && [[ -f "$PG_DIR/data/postmaster.pid" ]] && kill -0 "$(head -1 "$PG_DIR/data/postmaster.pid")" 2>/dev/null
}

write_env() {
  cat > "$ENV_FILE" <<ENV
# Written by scripts/infra.sh start; source it to reach the local infrastructure.
export STEWARD_PG_HOST=127.0.0.1
export STEWARD_PG_PORT=$(cat "$PG_DIR/port")
export STEWARD_PG_URL=jdbc:postgresql://127.0.0.1:$(cat "$PG_DIR/port")/postgres
export STEWARD_PG_USER=$PG_USER
export STEWARD_PG_PASSWORD=$PG_PASSWORD
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$(cat "$KAFKA_DIR/port")
ENV
  grep '^export' "$KAFKA_DIR/credentials.env" >> "$ENV_FILE"
}

case "${1:-}" in
  start|reset)
    mkdir -p "$STEWARD_STATE"
    if [[ "${1}" == reset || "${2:-}" == --fresh ]]; then
      stop_kafka; stop_postgres
      rm -rf "$PG_DIR" "$KAFKA_DIR"
      log "local infrastructure data deleted; starting afresh"
    elif running && [[ -f "$KAFKA_DIR/credentials.env" ]] && grep -q STEWARD_KAFKA_ "$ENV_FILE" 2>/dev/null; then
      log "local infrastructure already running ($ENV_FILE)"
      exit 0
    fi
    stop_kafka; stop_postgres
    start_postgres
    start_kafka
    write_env
    chmod 600 "$ENV_FILE"
    log "environment written to $ENV_FILE"
    ;;
  stop)
    stop_kafka
    stop_postgres
    rm -f "$ENV_FILE"
    log "local infrastructure stopped"
    ;;
  status)
    if running; then cat "$ENV_FILE"; else echo "not running"; exit 1; fi
    ;;
  env)
    cat "$ENV_FILE"
    ;;
  kafka-broker)
    # An extra broker of its own in DIR, for tests that stop or kill Kafka in the middle of work
    # without disturbing the shared one. `start` configures DIR on first use and otherwise runs the
    # same broker again (same port, same data); it prints the bootstrap address.
    [[ -n "${3:-}" ]] || die "usage: $0 kafka-broker start|stop|kill DIR"
    mkdir -p "$3"
    KAFKA_DIR=$(cd "$3" && pwd)
    case "$2" in
      start)
        [[ -f "$KAFKA_DIR/port" && -f "$KAFKA_DIR/credentials.env" ]] || configure_kafka
        kafka_running || run_kafka
        echo "127.0.0.1:$(cat "$KAFKA_DIR/port")"
        ;;
      stop) stop_kafka ;;
      kill)
        if kafka_running; then
          pid=$(cat "$KAFKA_DIR/pid")
          kill -9 "$pid"
          # Gone when it has exited and closed its port (a zombie, not yet reaped, counts as gone).
          while kill -0 "$pid" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]; do sleep 0.05; done
        fi
        rm -f "$KAFKA_DIR/pid"
        ;;
      *) die "usage: $0 kafka-broker start|stop|kill DIR" ;;
    esac
    ;;
  *)
    echo "usage: $0 start [--fresh]|stop|reset|status|env|kafka-broker" >&2
    exit 2
    ;;
esac
