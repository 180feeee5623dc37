#!/usr/bin/env bash
# Times the partition assignment for a large layout (default 1,000 nodes in 10 zones).
# Usage: bench/layout.sh [nodes] [zones] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl cluster-service -am test-compile -DskipTests >/dev/null
./mvnw -B -q -ntp -pl cluster-service dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
mkdir -p bench/results
java -Xmx512m -cp "cluster-service/target/test-classes:cluster-service/target/classes:$(cat cluster-service/target/bench.classpath)" \
  dev.steward.cluster.layout.LayoutBenchmark "${1:-1000}" "${2:-10}" "${3:-7}" | tee "bench/results/layout-$(date -u +%Y%m%dT%H%M%SZ).txt"
