#!/bin/sh
# Entrypoint of compose's Kafka (apache/kafka image): the same broker scripts/infra.sh runs locally.
# Clients authenticate with SASL/SCRAM-SHA-512 as one principal per service (passwords from docker/.env,
# written by scripts/compose-env.sh); the StandardAuthorizer refuses what deploy/kafka/acls.tsv does not
# grant. The controller listener takes SASL/PLAIN for the admin principal only (KRaft cannot use SCRAM
# there). The ACLs are granted once the broker answers; the healthcheck waits for that.
set -eu
: "${KAFKA_ADMIN_PASSWORD:?}" "${KAFKA_CLUSTER_PASSWORD:?}" "${KAFKA_IDENTITY_PASSWORD:?}" "${KAFKA_JOBS_PASSWORD:?}"
: "${KAFKA_GATEWAY_PASSWORD:?}" "${KAFKA_AGENT_PASSWORD:?}" "${KAFKA_CONSUMER_PASSWORD:?}"
DATA=/var/lib/kafka/data
CONF=/tmp/steward-kafka
mkdir -p "$CONF"
cat > "$CONF/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://localhost:9093
advertised.listeners=SASL_PLAINTEXT://kafka:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD" user_admin="$KAFKA_ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$DATA
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
cat > "$CONF/admin.properties" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPS
if [ ! -f "$DATA/meta.properties" ]; then
  set --
  for principal in admin cluster identity jobs gateway agent consumer; do
    password=$(printenv "KAFKA_$(echo "$principal" | tr a-z A-Z)_PASSWORD")
    set -- "$@" --add-scram "SCRAM-SHA-512=[name=$principal,password=$password]"
  done
  /opt/kafka/bin/kafka-storage.sh format --cluster-id "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" \
    -c "$CONF/server.properties" "$@"
fi
rm -f "$CONF/acls.granted"
(
  until /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 --command-config "$CONF/admin.properties" >/dev/null 2>&1; do
    sleep 1
  done
  # principal resource pattern name operations (deploy/kafka/acls.tsv)
  grep -v '^[[:space:]]*#' /etc/steward/acls.tsv | while read -r principal resource pattern name operations; do
    [ -n "$principal" ] || continue
    ops=""
    for op in $(echo "$operations" | tr ',' ' '); do ops="$ops --operation $op"; done
    # shellcheck disable=SC2086 # the operations are words
    /opt/kafka/bin/kafka-acls.sh --bootstrap-server localhost:9092 --command-config "$CONF/admin.properties" --add \
      --allow-principal "User:$principal" $ops "--$resource" "$name" --resource-pattern-type "$pattern" >/dev/null
  done
  touch "$CONF/acls.granted"
  echo "steward: Kafka ACLs granted from acls.tsv"
) &
exec /opt/kafka/bin/kafka-server-start.sh "$CONF/server.properties"
