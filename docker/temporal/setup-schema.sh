#!/bin/sh
# The temporal-schema job (temporalio/admin-tools image): Temporal's two PostgreSQL databases,
# `temporal` and `temporal_visibility`, created when missing and brought up to the schema
# version of these admin tools. On an existing store `create` and `setup-schema` find their
# work done and only `update-schema` acts; it fails loudly if the store cannot be reached.
# The password comes from SQL_PASSWORD in the environment, which temporal-sql-tool reads.
set -eu

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS is required}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
case "$SQL_PASSWORD" in
  change-me*)
    echo "temporal-schema: set TEMPORAL_POSTGRES_PASSWORD in docker/.env to a password of your own" >&2
    exit 1
    ;;
esac
port="${DB_PORT:-5432}"
schema_root="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}"

tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$SQL_USER" --db "$1" "$2" ${3:+"$3"} ${4:+"$4"}
}

for db in temporal temporal_visibility; do
  case "$db" in
    temporal) versioned="$schema_root/temporal/versioned" ;;
    *) versioned="$schema_root/visibility/versioned" ;;
  esac
  echo "temporal-schema: $db"
  tool "$db" create || echo "temporal-schema: $db exists"
  tool "$db" setup-schema -v 0.0 || echo "temporal-schema: $db has its schema table"
  tool "$db" update-schema -d "$versioned"
done
echo "temporal-schema: done"
