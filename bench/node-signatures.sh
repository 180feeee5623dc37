#!/usr/bin/env bash
# Times the check of a node agent's signed record: the JDK's Ed25519 against Bouncy Castle's, side by side.
# Usage: bench/node-signatures.sh [verifications per round] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl steward-common -am test-compile -DskipTests >/dev/null
./mvnw -B -q -ntp -pl steward-common dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
mkdir -p bench/results
java -Xmx256m -cp "steward-common/target/test-classes:steward-common/target/classes:$(cat steward-common/target/bench.classpath)" \
  dev.steward.common.node.NodeSignatureBenchmark "${1:-20000}" "${2:-5}" | tee "bench/results/node-signatures-$(date -u +%Y%m%dT%H%M%SZ).txt"
