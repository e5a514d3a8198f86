#!/usr/bin/env bash
# Makes sure a local PostgreSQL (Debian's package) is installed and running,
# with a `haven` role allowed to create test databases; prints the admin URL
# for HAVEN_TEST_DATABASE_URL. Needs root (apt, pg_ctlcluster).
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null)" ]; then
  echo "installing: postgresql" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
read -r ver name port status _ < <(pg_lsclusters --no-header | head -n1) || true
if [ -z "${ver:-}" ]; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -n1)
  pg_createcluster "$ver" main >&2
  read -r ver name port status _ < <(pg_lsclusters --no-header | head -n1)
fi
if [ "$status" != "online" ]; then
  pg_ctlcluster "$ver" "$name" start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='haven'\"" | grep -q 1 ||
  su postgres -c "psql -q -p $port -c \"CREATE ROLE haven LOGIN CREATEDB PASSWORD 'haven'\"" >&2
echo "postgres://haven:haven@127.0.0.1:$port/postgres"
