#!/usr/bin/env bash
# Starts PostgreSQL and Redis from Debian's packages on 127.0.0.1 for tests
# (CI, or a developer who wants the real-server runs). Idempotent.
set -euo pipefail

PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | grep -q "^${PG_VERSION} main .* online"; then
  pg_lsclusters -h | grep -q "^${PG_VERSION} main" || pg_createcluster "$PG_VERSION" main >/dev/null
  sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "/etc/postgresql/${PG_VERSION}/main/postgresql.conf"
  sed -i "s/^#\?max_connections.*/max_connections = 300/" "/etc/postgresql/${PG_VERSION}/main/postgresql.conf"
  pg_ctlcluster "$PG_VERSION" main start
fi
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='palabre'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE palabre LOGIN SUPERUSER PASSWORD 'palabre'\""
for db in palabre_test palabre_bench; do
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='${db}'\"" | grep -q 1 ||
    su postgres -c "createdb -O palabre ${db}"
done

if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
fi
for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "test servers: postgres ${PG_VERSION} and redis on 127.0.0.1"
