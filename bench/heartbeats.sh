#!/usr/bin/env bash
# Heartbeat ingest into one cluster-service: N nodes' signed beats, R rounds, on local PostgreSQL and
# Kafka started for each run (scripts/infra.sh) and stopped afterwards. With BASELINE=<commit> the
# same benchmark first runs against that commit's cluster-service (a git worktree), side by side.
# Results: bench/results/heartbeats-<time>.txt.
#
#   [BASELINE=<commit>] bench/heartbeats.sh [nodes] [rounds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib.sh"
NODES=${1:-10000}
ROUNDS=${2:-20}
OUT="$ROOT/bench/results/heartbeats-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p "$ROOT/bench/results"
export STEWARD_STATE="$STEWARD_STATE/bench-heartbeats"
mkdir -p "$STEWARD_STATE"

run() { # source tree, label
  local tree=$1 label=$2
  (cd "$tree" && ./mvnw -B -q -ntp -pl cluster-service -am install -DskipTests >/dev/null \
    && ./mvnw -B -q -ntp -pl cluster-service dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null)
  "$ROOT/scripts/infra.sh" start --fresh >/dev/null
  (
    source "$STEWARD_STATE/infra.env"
    cd "$tree"
    # -Xmx as the service is deployed: the benchmark's producer shares its JVM.
    java -Xmx512m -cp "cluster-service/target/test-classes:cluster-service/target/classes:$(cat cluster-service/target/bench.classpath)" \
      dev.steward.cluster.node.HeartbeatBenchmark "$NODES" "$ROUNDS" 2>>"$STEWARD_STATE/bench.log"
  ) | tee -a "$STEWARD_STATE/bench.log" | grep -Ev '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} ' | sed "s/^/[$label] /" | tee -a "$OUT"
  "$ROOT/scripts/infra.sh" stop >/dev/null
}

trap '"$ROOT/scripts/infra.sh" stop >/dev/null 2>&1 || true; [[ -n "${WORKTREE:-}" ]] && git -C "$ROOT" worktree remove --force "$WORKTREE"' EXIT
if [[ -n "${BASELINE:-}" ]]; then
  WORKTREE=$(mktemp -d)
  git -C "$ROOT" worktree add -q --detach "$WORKTREE" "$BASELINE"
  # the benchmark itself is this tree's, so both sides run the same measurement
  cp "$ROOT/cluster-service/src/test/java/dev/steward/cluster/node/HeartbeatBenchmark.java" \
     "$WORKTREE/cluster-service/src/test/java/dev/steward/cluster/node/"
  run "$WORKTREE" "baseline $(git -C "$ROOT" rev-parse --short "$BASELINE")"
fi
run "$ROOT" "this tree $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- cluster-service || echo +changes)"
