#!/usr/bin/env bash
# Runs Steward's whole test suite against real PostgreSQL and Kafka:
#   - endpoints already in the environment (STEWARD_PG_URL, KAFKA_BOOTSTRAP_SERVERS) are used as they are;
#   - otherwise, with a Docker engine, the tests start them with Testcontainers;
#   - otherwise this script starts them locally (scripts/infra.sh) and stops them afterwards.
# Also validates docker/docker-compose.yml. Extra arguments go to Maven (e.g. -pl cluster-service -am).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$STEWARD_ROOT"

ensure_tool() { # command, Debian package
  command -v "$1" >/dev/null && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing $2"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >&2
  else
    die "$1 is missing: install the '$2' package"
  fi
}

command -v java >/dev/null || die "a JDK 17+ is required (java not found)"
ensure_tool curl curl
ensure_tool openssl openssl
# The console's tests (ConsoleE2EIT) drive Debian's chromium headless; fonts make its screenshots readable.
ensure_tool chromium chromium
ensure_tool chromedriver chromium-driver
if command -v dpkg >/dev/null && ! dpkg -s fonts-liberation >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  log "installing fonts-liberation"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-liberation >&2
fi

log "validating docker/docker-compose.yml"
# An empty env file, so that a developer's docker/.env does not stand in for the checked defaults.
EMPTY_ENV=$(mktemp)
if docker compose version >/dev/null 2>&1; then
  compose() { docker compose --env-file "$EMPTY_ENV" -f docker/docker-compose.yml "$@"; }
else
  ensure_tool docker-compose docker-compose
  compose() { docker-compose --env-file "$EMPTY_ENV" -f docker/docker-compose.yml "$@"; }
fi
# No published default secrets: without them compose must refuse (scripts/compose-env.sh writes them).
KAFKA_SECRETS=(STEWARD_KAFKA_ADMIN_PASSWORD STEWARD_KAFKA_CLUSTER_PASSWORD STEWARD_KAFKA_IDENTITY_PASSWORD STEWARD_KAFKA_JOBS_PASSWORD
  STEWARD_KAFKA_GATEWAY_PASSWORD STEWARD_KAFKA_AGENT_PASSWORD STEWARD_KAFKA_CONSUMER_PASSWORD)
SECRETS=(STEWARD_ADMIN_TOKEN STEWARD_METRICS_TOKEN STEWARD_JIDOTEKI_FIRST_RUN_TOKEN STEWARD_INTERNAL_JWT_PRIVATE_KEY
  STEWARD_INTERNAL_JWT_PUBLIC_KEY STEWARD_KEK "${KAFKA_SECRETS[@]}")
if (unset "${SECRETS[@]}"; compose config -q) >/dev/null 2>&1; then
  die "docker/docker-compose.yml starts without its secrets"
fi
# Each secret on its own is required: leaving out any one of them must be refused too.
for secret in "${SECRETS[@]}"; do
  if (for s in "${SECRETS[@]}"; do export "$s=check"; done; unset "$secret"; compose config -q) >/dev/null 2>&1; then
    die "docker/docker-compose.yml starts without $secret"
  fi
done
(for s in "${SECRETS[@]}"; do export "$s=check"; done; compose config -q)
rm -f "$EMPTY_ENV"

if [[ -n "${STEWARD_PG_URL:-}" && -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
  log "using PostgreSQL at $STEWARD_PG_URL and Kafka at $KAFKA_BOOTSTRAP_SERVERS from the environment"
elif docker info >/dev/null 2>&1; then
  log "Docker engine found: tests start PostgreSQL and Kafka with Testcontainers"
else
  log "no Docker engine: starting local PostgreSQL and Kafka"
  export STEWARD_STATE="$STEWARD_STATE/test"
  # Tests keep their own throw-away state: fresh every run.
  "$STEWARD_ROOT/scripts/infra.sh" start --fresh
  trap '"$STEWARD_ROOT/scripts/infra.sh" stop' EXIT
  source "$STEWARD_STATE/infra.env"
fi

"$STEWARD_ROOT/mvnw" -B -ntp verify "$@"
