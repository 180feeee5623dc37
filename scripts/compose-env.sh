#!/usr/bin/env bash
# Writes docker/.env, the secrets docker/docker-compose.yml needs, each freshly random: the admin
# and metrics tokens, the Jidoteki first-run token, the internal JWT's ES256 key pair (the private
# key for the gateway only), the key-encryption key and the Kafka principals' passwords. Compose reads docker/.env by itself. An existing file is kept (its KEK encrypts stored
# secrets; replacing it would lose them) unless --force is given. Prints the tokens once.
#
#   scripts/compose-env.sh [--force]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ENV_FILE="$STEWARD_ROOT/docker/.env"
if [[ -e "$ENV_FILE" && "${1:-}" != --force ]]; then
  die "$ENV_FILE exists (its STEWARD_KEK encrypts stored secrets); pass --force to replace it"
fi
command -v openssl >/dev/null || die "openssl is needed to generate secrets"

admin=$(openssl rand -hex 24)
metrics=$(openssl rand -hex 24)
first_run=$(openssl rand -hex 24)
internal_private=$(new_internal_jwt_private_key)
umask 077
cat > "$ENV_FILE" <<ENV
# Written by scripts/compose-env.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); keep it secret, keep it (the KEK).
STEWARD_ADMIN_TOKEN=$admin
STEWARD_METRICS_TOKEN=$metrics
STEWARD_JIDOTEKI_FIRST_RUN_TOKEN=$first_run
STEWARD_INTERNAL_JWT_PRIVATE_KEY=$internal_private
STEWARD_INTERNAL_JWT_PUBLIC_KEY=$(internal_jwt_public_key "$internal_private")
STEWARD_KEK=$(openssl rand -base64 32)
STEWARD_UPDATE_KEY=$(openssl rand -base64 32)
STEWARD_BACKUP_KEY=$(openssl rand -base64 32)
# Kafka principals (deploy/kafka/acls.tsv): the broker's super user, one per service, the node agents,
# and outside consumers of job events.
STEWARD_KAFKA_ADMIN_PASSWORD=$(openssl rand -hex 24)
STEWARD_KAFKA_CLUSTER_PASSWORD=$(openssl rand -hex 24)
STEWARD_KAFKA_IDENTITY_PASSWORD=$(openssl rand -hex 24)
STEWARD_KAFKA_JOBS_PASSWORD=$(openssl rand -hex 24)
STEWARD_KAFKA_GATEWAY_PASSWORD=$(openssl rand -hex 24)
STEWARD_KAFKA_AGENT_PASSWORD=$(openssl rand -hex 24)
STEWARD_KAFKA_CONSUMER_PASSWORD=$(openssl rand -hex 24)
ENV
log "wrote $ENV_FILE (mode 600)"
cat <<MSG
  admin token     $admin
  metrics token   $metrics
  Jidoteki token  $first_run
Start:  docker compose -f docker/docker-compose.yml up --build
MSG
