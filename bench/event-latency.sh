#!/usr/bin/env bash
# Event latency, from a state change's commit to its event readable on Kafka: the outbox relay
# polling alone against the relay woken by the commit (LISTEN/NOTIFY), side by side in one run, on
# local PostgreSQL and Kafka started for the run (scripts/infra.sh). Results: bench/results/.
#
#   bench/event-latency.sh [events]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib.sh"
cd "$ROOT"
./mvnw -B -q -ntp -pl cluster-service -am install -DskipTests >/dev/null
./mvnw -B -q -ntp -pl cluster-service dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
export STEWARD_STATE="$STEWARD_STATE/bench-events"
"$ROOT/scripts/infra.sh" start --fresh >/dev/null
trap '"$ROOT/scripts/infra.sh" stop >/dev/null' EXIT
source "$STEWARD_STATE/infra.env"
mkdir -p bench/results
java -Xmx512m -cp "cluster-service/target/test-classes:cluster-service/target/classes:$(cat cluster-service/target/bench.classpath)" \
  dev.steward.cluster.events.EventLatencyBenchmark "${1:-300}" 2>"$STEWARD_STATE/bench.log" \
  | tee -a "$STEWARD_STATE/bench.log" | grep -Ev '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} ' \
  | tee "bench/results/event-latency-$(date -u +%Y%m%dT%H%M%SZ).txt"
