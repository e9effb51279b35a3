#!/usr/bin/env bash
# The Docker stage of CI (.ci/run runs it after `npm test`): builds the images and runs the three-node
# federation of docker/compose.yml and the three replicas of docker/compose.replicas.yml in
# containers, checking each (test/docker/*.docker-spec.ts).
#
# Public image registries cannot be reached from CI, so the official base images are replaced by
# local ones built from Debian packages (docker/base/build-base-images.sh) and passed in through the
# build arguments NODE_IMAGE and DEBIAN_IMAGE and the compose variables of the same names,
# POSTGRES_IMAGE, APP_IMAGE and HAPROXY_IMAGE.
# Works on a fresh machine with only Node, npm and apt: installs docker.io, docker-compose and
# debootstrap, and starts dockerd when no daemon answers (and stops it again at the end).
# Nothing is cached: the base images and the image are built from scratch every run, and removed at
# the end (KEEP_DOCKER_IMAGES=1 keeps them). Any failing step fails the stage.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then exec sudo --preserve-env=PATH,HOME,KEEP_DOCKER_IMAGES "$0" "$@"; fi

started=$SECONDS
step() { printf '\n[docker stage] %s (%d s)\n' "$*" $((SECONDS - started)); }
on_exit() {
  local status=$?
  set +e
  # A background image build still running when a foreground step failed.
  if [ -n "${side_pid:-}" ] && kill -0 "$side_pid" 2>/dev/null; then
    pkill -P "$side_pid"
    kill "$side_pid"
    wait "$side_pid"
  fi
  # The tests take their compose projects down themselves; this covers a test run that was killed.
  if [ -n "${COMPOSE_PROJECT:-}" ]; then
    $COMPOSE -p "$COMPOSE_PROJECT" -f docker/compose.yml down -v --remove-orphans -t 5 >/dev/null 2>&1
    $COMPOSE -p "$COMPOSE_PROJECT-replicas" -f docker/compose.replicas.yml down -v --remove-orphans -t 5 >/dev/null 2>&1
  fi
  if [ "${KEEP_DOCKER_IMAGES:-}" != 1 ] && [ -n "${DOCKER:-}" ] && [ -n "${images_built:-}" ]; then
    "$DOCKER" rmi -f "$APP_IMAGE" "$HAPROXY_IMAGE" "$NODE_IMAGE" "$POSTGRES_IMAGE" "$DEBIAN_IMAGE" >/dev/null 2>&1
    "$DOCKER" image prune -f >/dev/null 2>&1
  fi
  if [ -n "${dockerd_pid:-}" ]; then
    kill "$dockerd_pid" 2>/dev/null && wait "$dockerd_pid" 2>/dev/null
  fi
  if [ "$status" -eq 0 ]; then
    echo "docker stage: $((SECONDS - started)) s"
  else
    echo "docker stage FAILED (exit $status) after $((SECONDS - started)) s" >&2
  fi
  exit "$status"
}
trap on_exit EXIT

step "packages: docker.io, docker-compose, debootstrap"
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Debian's client, the same version as its daemon (another docker CLI may come first on PATH).
DOCKER="$(command -v /usr/bin/docker || command -v docker)"
export DOCKER COMPOSE="${COMPOSE:-docker-compose}"
# The classic builder: BuildKit would want a buildx plugin or a front-end image from a registry.
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0

if ! "$DOCKER" info >/dev/null 2>&1; then
  step "starting dockerd (no daemon answered)"
  dockerd_log="$(mktemp /tmp/fednode-dockerd.XXXXXX.log)"
  dockerd >"$dockerd_log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 60); do
    "$DOCKER" info >/dev/null 2>&1 && break
    kill -0 "$dockerd_pid" 2>/dev/null || { cat "$dockerd_log" >&2; echo "dockerd exited" >&2; exit 1; }
    sleep 1
  done
  "$DOCKER" info >/dev/null 2>&1 || { tail -n 40 "$dockerd_log" >&2; echo "dockerd did not answer in 60 s" >&2; exit 1; }
fi
"$DOCKER" version --format 'docker engine {{.Server.Version}}'
echo "compose $($COMPOSE version --short)"

run_id="fednode-ci-$$"
export DEBIAN_IMAGE="$run_id/debian:bookworm"
export NODE_IMAGE="$run_id/node:$(node -p 'process.versions.node.split(".")[0]')-bookworm-slim"
export POSTGRES_IMAGE="$run_id/postgres:15-bookworm"
export APP_IMAGE="$run_id/fed-node:ci"
export HAPROXY_IMAGE="$run_id/haproxy:ci"
images_built=1

step "base images from Debian packages: debian, node"
docker/base/build-base-images.sh debian node

# Builds quietly into a log; on failure shows its end and stops the stage.
build() {
  local log
  log="$(mktemp /tmp/fednode-docker-build.XXXXXX.log)"
  if ! "$DOCKER" build --no-cache "$@" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "docker build $* failed (last 60 lines above; full log $log)" >&2
    exit 1
  fi
  grep -E '^Successfully tagged' "$log"
  rm -f "$log"
}

# The PostgreSQL and HAProxy images need only the Debian one: built beside the image.
step "in the background: PostgreSQL base image, then docker build docker/haproxy (Debian's HAProxy)"
side_log="$(mktemp /tmp/fednode-docker-side.XXXXXX.log)"
(
  docker/base/build-base-images.sh postgres
  build --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -t "$HAPROXY_IMAGE" docker/haproxy
) >"$side_log" 2>&1 &
side_pid=$!

step "docker build -f docker/Dockerfile --build-arg NODE_IMAGE=$NODE_IMAGE"
build -f docker/Dockerfile --build-arg NODE_IMAGE="$NODE_IMAGE" -t "$APP_IMAGE" .
"$DOCKER" image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' "$APP_IMAGE"

step "waiting for the PostgreSQL and HAProxy images"
if ! wait "$side_pid"; then
  cat "$side_log" >&2
  echo "building the PostgreSQL or HAProxy image failed (output above)" >&2
  exit 1
fi
cat "$side_log"

step "compose: three nodes, then three replicas behind HAProxy (test/docker/*.docker-spec.ts)"
export COMPOSE_PROJECT="$run_id"
NODE_OPTIONS=--experimental-vm-modules npx jest -c test/docker/jest.config.cjs --ci
