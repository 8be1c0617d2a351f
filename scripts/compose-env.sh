#!/usr/bin/env bash
# Writes .env next to docker-compose.yml with a random value for every secret the stack needs
# (docker compose refuses to start without them), readable by you only. An existing .env is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -e .env ]; then
  echo ".env exists; keeping it (delete it to make new secrets)" >&2
  exit 0
fi
secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
umask 077
{
  echo "POSTGRES_PASSWORD=$(secret)"
  echo "ANALYTICS_DB_PASSWORD=$(secret)"
  echo "ANALYTICS_BOOTSTRAP_ADMIN_KEY=$(secret)"
  echo "ANALYTICS_EMBED_SIGNING_KEY=$(secret)"
  echo "GRAFANA_ADMIN_PASSWORD=$(secret)"
  echo "GRAFANA_READER_PASSWORD=$(secret)"
} > .env
echo "wrote .env (mode 600); the admin key is ANALYTICS_BOOTSTRAP_ADMIN_KEY in it" >&2
