#!/bin/sh
# Container init step (compose and the Kubernetes Job): runs roles.sql against the server named by
# PGHOST/PGUSER/PGPASSWORD with the two passwords from the environment.
set -eu
: "${ARCHIVE_DB_PASSWORD:?}" "${ARCHIVE_DB_MIGRATION_PASSWORD:?}"
until pg_isready -q; do sleep 1; done
exec psql -d postgres -v ON_ERROR_STOP=1 -v archive_password="$ARCHIVE_DB_PASSWORD" \
  -v owner_password="$ARCHIVE_DB_MIGRATION_PASSWORD" -f "$(dirname "$0")/roles.sql"
