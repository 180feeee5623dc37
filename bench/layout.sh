#!/usr/bin/env bash
# Times the partition assignment for a large layout (default 1,000 nodes in 10 zones). With
# BASELINE=<commit> the same benchmark first runs against that commit's planner (a git worktree),
# side by side in one run. Results: bench/results/layout-<time>.txt.
# Usage: [BASELINE=<commit>] bench/layout.sh [nodes] [zones] [rounds]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
NODES=${1:-1000}
ZONES=${2:-10}
ROUNDS=${3:-7}
OUT="bench/results/layout-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p bench/results

run() { # source tree, label
  local tree=$1 label=$2
  (cd "$tree" && ./mvnw -B -q -ntp -pl cluster-service -am test-compile -DskipTests >/dev/null \
    && ./mvnw -B -q -ntp -pl cluster-service dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null)
  (cd "$tree" && java -Xmx512m -cp "cluster-service/target/test-classes:cluster-service/target/classes:$(cat cluster-service/target/bench.classpath)" \
    dev.steward.cluster.layout.LayoutBenchmark "$NODES" "$ZONES" "$ROUNDS") | sed "s/^/[$label] /" | tee -a "$ROOT/$OUT"
}

if [[ -n "${BASELINE:-}" ]]; then
  WORKTREE=$(mktemp -d)
  trap 'git -C "$ROOT" worktree remove --force "$WORKTREE"' EXIT
  git worktree add -q --detach "$WORKTREE" "$BASELINE"
  cp cluster-service/src/test/java/dev/steward/cluster/layout/LayoutBenchmark.java "$WORKTREE/cluster-service/src/test/java/dev/steward/cluster/layout/"
  run "$WORKTREE" "baseline $(git rev-parse --short "$BASELINE")"
fi
run "$ROOT" "this tree $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- cluster-service || echo +changes)"
