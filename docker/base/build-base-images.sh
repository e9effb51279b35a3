#!/usr/bin/env bash
# Builds local stand-ins for the official base images from Debian packages, for machines that cannot
# reach a public image registry (CI, docker/ci-stage.sh). Needs root, debootstrap and a Docker daemon.
#
#   $DEBIAN_IMAGE    (fednode-base/debian:bookworm)       debootstrap --variant=minbase bookworm, docker import
#   $NODE_IMAGE      (fednode-base/node:<major>-bookworm-slim)  + the host's Node.js and npm (node.Dockerfile)
#   $POSTGRES_IMAGE  (fednode-base/postgres:15-bookworm)  + Debian's PostgreSQL 15 (postgres.Dockerfile)
#
# Node.js: Debian bookworm packages Node 18 only, below what the node needs (>= 20.19), so the image
# gets the host's own node binary and npm (any glibc build runs on bookworm's glibc 2.36).
#
# Arguments: which images to build, in order (default: debian node postgres); node and postgres
# build on an existing $DEBIAN_IMAGE, so a caller can build postgres while it uses the node image.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
DOCKER="${DOCKER:-docker}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
DEBIAN_IMAGE="${DEBIAN_IMAGE:-fednode-base/debian:bookworm}"
NODE_IMAGE="${NODE_IMAGE:-fednode-base/node:${node_major}-bookworm-slim}"
POSTGRES_IMAGE="${POSTGRES_IMAGE:-fednode-base/postgres:15-bookworm}"
export DOCKER_BUILDKIT=0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step() { printf '%s: %s\n' "$(basename "$0")" "$*"; }
# Runs a step quietly into a log; on failure shows the end of the log and stops.
quiet() {
  local log="$work/step.log"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "failed: $* (last 40 lines above)" >&2
    exit 1
  fi
}

debian() {
  step "debootstrap bookworm from $MIRROR"
  quiet debootstrap --variant=minbase bookworm "$work/rootfs" "$MIRROR"
  # As in Debian's official images: no package lists or downloaded packages in the image.
  rm -rf "$work"/rootfs/var/lib/apt/lists/* "$work"/rootfs/var/cache/apt/*.bin "$work"/rootfs/var/cache/apt/archives/*.deb
  step "docker import -> $DEBIAN_IMAGE"
  tar -C "$work/rootfs" -c . | "$DOCKER" import --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
}

node_image() {
  step "node $(node --version), npm $(npm --version) from the host -> $NODE_IMAGE"
  context="$work/node"
  mkdir -p "$context"
  cp "$(readlink -f "$(command -v node)")" "$context/node"
  cp -a "$(npm root -g)/npm" "$context/npm"
  cafile="$(npm config get cafile 2>/dev/null || true)"
  [ -n "$cafile" ] && [ "$cafile" != null ] && [ -s "$cafile" ] || cafile="${NODE_EXTRA_CA_CERTS:-}"
  if [ -n "$cafile" ] && [ -s "$cafile" ]; then cp "$cafile" "$context/ca-certificates.crt"; else : >"$context/ca-certificates.crt"; fi
  cp "$here/node.Dockerfile" "$context/Dockerfile"
  quiet "$DOCKER" build --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -t "$NODE_IMAGE" "$context"
}

postgres() {
  step "Debian's PostgreSQL 15 -> $POSTGRES_IMAGE"
  quiet "$DOCKER" build --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -t "$POSTGRES_IMAGE" -f "$here/postgres.Dockerfile" "$here"
}

[ "$#" -gt 0 ] || set -- debian node postgres
for image in "$@"; do
  case "$image" in
    debian) debian ;;
    node) node_image ;;
    postgres) postgres ;;
    *) echo "unknown image \"$image\" (debian, node, postgres)" >&2; exit 2 ;;
  esac
done

