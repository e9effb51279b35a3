# Stand-in for node:<major>-bookworm-slim, for machines that cannot reach a public image registry
# (docker/base/build-base-images.sh): the Debian bookworm root file system made by debootstrap, with
# the host's own Node.js and npm (Debian bookworm packages only Node 18). Same layout as the official
# image: node and npm in /usr/local, an unprivileged "node" user (uid 1000).
ARG DEBIAN_IMAGE=fednode-base/debian:bookworm
FROM ${DEBIAN_IMAGE}
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
# The host's CA bundle (may be empty): where the host reaches the npm registry through a TLS proxy
# with its own CA, npm in the image must trust it too.
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && if [ -s /etc/ssl/certs/ca-certificates.crt ]; then \
      npm config set --location=global cafile /etc/ssl/certs/ca-certificates.crt; \
    else rm /etc/ssl/certs/ca-certificates.crt; fi \
 && groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
CMD ["node"]
