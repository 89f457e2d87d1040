#!/usr/bin/env bash
# `npm run test:containers`: build the images, bring docker-compose.yml up, run the end-to-end
# suites against the containerised gateway (test/e2e/core, test/e2e/isolation and
# test/containers), then tear everything down, even when a step fails.
#
# Where no container registry answers (our CI and development machines), the workplace's
# docker-offline.sh installs Docker and compose v1, starts a daemon and builds the base image
# local/node20; it is found next to the repository (../shared/tools) or at DOCKER_OFFLINE.
# Elsewhere an existing docker and docker-compose are used with the official base image.
#
# Settings: FAAS_TEST_PORT (18080, host port of the gateway), FAAS_TEST_COMPOSE_PROJECT
# (minifaas-test), FAAS_KEEP_DOCKER=1 (leave the daemon running afterwards).
set -Eeuo pipefail
cd "$(dirname "$0")/.."

project=${FAAS_TEST_COMPOSE_PROJECT:-minifaas-test}
port=${FAAS_TEST_PORT:-18080}
offline=${DOCKER_OFFLINE:-}
for candidate in ../shared/tools/docker-offline.sh /work/shared/tools/docker-offline.sh; do
  [ -z "$offline" ] && [ -f "$candidate" ] && offline=$(readlink -f "$candidate")
done
say() { echo "test-containers: $*" >&2; }
seconds() { echo $(( $(date +%s) - $1 )); }

cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && command -v docker-compose >/dev/null; then
    say "failed (exit $status); last logs of each service:"
    docker-compose -p "$project" logs --no-color --tail=40 >&2 || true
  fi
  docker-compose -p "$project" down -v --remove-orphans >/dev/null 2>&1 || true
  if [ -n "$offline" ] && [ "${FAAS_KEEP_DOCKER:-}" != 1 ]; then bash "$offline" down || true; fi
  exit "$status"
}
trap cleanup EXIT

# 0. pnpm and the workspace's dependencies (the suites run on the host with tsx).
node --input-type=module -e 'import { bootstrap } from "./scripts/bootstrap.mjs"; bootstrap();'

# 1. A daemon, compose and a base image.
started=$(date +%s)
if [ -n "$offline" ]; then
  eval "$(bash "$offline" up)"
else
  command -v docker-compose >/dev/null || { say "neither docker-offline.sh nor docker-compose found"; exit 1; }
fi
export DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1 FAAS_HTTP_PORT=$port
say "docker ready in $(seconds "$started") s (BASE_IMAGE=${BASE_IMAGE:-node:20-bookworm-slim})"

# 2. The images.
started=$(date +%s)
docker-compose -p "$project" build
say "images built in $(seconds "$started") s:"
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep "^${project}_" >&2 || true

# 3. The stack, until the gateway reports every worker (its /healthz answers 200 with workers).
started=$(date +%s)
docker-compose -p "$project" up -d --scale worker=4
node -e '
  const url = process.argv[1];
  const until = Date.now() + 180_000;
  (async function poll() {
    const body = await fetch(url).then((r) => r.json()).catch(() => ({}));
    if (body.workers === 4) return;
    if (Date.now() > until) { console.error("gateway not healthy with 4 workers:", body); process.exit(1); }
    setTimeout(poll, 250);
  })();
' "http://127.0.0.1:$port/healthz"
say "up to healthy with 4 workers in $(seconds "$started") s"

# 4. The suites, one file at a time: they scale and kill containers of the same project.
FAAS_TEST_URL="http://127.0.0.1:$port" FAAS_TEST_COMPOSE_PROJECT=$project \
  node --conditions=development --import tsx --test --test-concurrency=1 --test-timeout=600000 \
  test/e2e/core.test.ts test/e2e/isolation.test.ts test/containers/*.test.ts
