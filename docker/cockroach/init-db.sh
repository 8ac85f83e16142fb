#!/bin/bash
# The cockroach-init-db job: the service's database and SQL user, as root over TLS.
# Idempotent: an existing database is kept; the user's password is set to SQL_PASSWORD each
# time, so changing NEBULA_DATABASE_PASSWORD in .env and re-running `up` rotates it.
# With COCKROACH_LICENSE_KEY set, also sets the licence (needed by clusters of 2+ nodes).
set -euo pipefail

host="${COCKROACH_HOST:-cockroach:26257}"
: "${SQL_DATABASE:?SQL_DATABASE is required}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"

case "$SQL_PASSWORD" in
  change-me*)
    echo "cockroach-init-db: set NEBULA_DATABASE_PASSWORD in docker/.env to a password of your own" >&2
    exit 1
    ;;
esac
identifier='^[a-z_][a-z0-9_]*$'
for name in "$SQL_DATABASE" "$SQL_USER"; do
  if ! [[ $name =~ $identifier ]]; then
    echo "cockroach-init-db: '$name' is not a plain SQL name (lower-case letters, digits, _)" >&2
    exit 1
  fi
done
for value in "$SQL_PASSWORD" "${COCKROACH_ORGANIZATION:-}" "${COCKROACH_LICENSE_KEY:-}"; do
  if [[ $value == *"'"* ]]; then
    echo "cockroach-init-db: passwords, organisation and licence key must not contain a single quote" >&2
    exit 1
  fi
done

sql() { cockroach sql --certs-dir=/certs --host="$host"; }

# Statements go in on stdin, so the password never shows in a process list.
sql <<SQL
CREATE DATABASE IF NOT EXISTS ${SQL_DATABASE};
CREATE USER IF NOT EXISTS ${SQL_USER};
ALTER USER ${SQL_USER} WITH PASSWORD '${SQL_PASSWORD}';
GRANT ALL ON DATABASE ${SQL_DATABASE} TO ${SQL_USER};
USE ${SQL_DATABASE};
GRANT ALL ON SCHEMA public TO ${SQL_USER};
SQL
echo "cockroach-init-db: database ${SQL_DATABASE} ready for ${SQL_USER}"

if [ -n "${COCKROACH_LICENSE_KEY:-}" ]; then
  sql <<SQL
SET CLUSTER SETTING cluster.organization = '${COCKROACH_ORGANIZATION:-}';
SET CLUSTER SETTING enterprise.license = '${COCKROACH_LICENSE_KEY}';
SQL
  echo "cockroach-init-db: licence key set"
fi
