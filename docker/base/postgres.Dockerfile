# Stand-in for postgres:<n>-bookworm, for machines that cannot reach a public image registry
# (docker/base/build-base-images.sh): the debootstrap'd Debian bookworm root file system with Debian's
# own PostgreSQL 15, and an entry point that honours the official image's POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB and PGDATA (/var/lib/postgresql/data).
ARG DEBIAN_IMAGE=fednode-base/debian:bookworm
FROM ${DEBIAN_IMAGE}
ARG PG_MAJOR=15
RUN mkdir -p /etc/postgresql-common \
 && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-${PG_MAJOR} \
 && rm -rf /var/lib/apt/lists/* \
 && sed -ri "s!^#?(listen_addresses)\s*=\s*\S+.*!\1 = '*'!" /usr/share/postgresql/${PG_MAJOR}/postgresql.conf.sample \
 && mkdir -p /var/run/postgresql /var/lib/postgresql/data \
 && chown -R postgres:postgres /var/run/postgresql /var/lib/postgresql \
 && chmod 2777 /var/run/postgresql
ENV PATH=/usr/lib/postgresql/${PG_MAJOR}/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
# Fast shutdown, as the official image: SIGTERM (smart) would wait for every client to leave.
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]
