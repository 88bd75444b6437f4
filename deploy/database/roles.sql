-- The archive's two database roles and its database, for a managed PostgreSQL (15 or newer).
-- Run once as an administrator, with the passwords as psql variables (never written here):
--   psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -v archive_password="$ARCHIVE_DB_PASSWORD" \
--        -v owner_password="$ARCHIVE_DB_MIGRATION_PASSWORD" -f deploy/database/roles.sql
-- archive_owner owns the schema and runs the migrations at start-up (ARCHIVE_DB_MIGRATION_USER);
-- archive is the runtime role (ARCHIVE_DB_USER): it gets only the rights the migrations grant it,
-- so it cannot alter or disable the audit trail's protection.
SELECT format('CREATE ROLE archive_owner LOGIN PASSWORD %L', :'owner_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'archive_owner') \gexec
SELECT format('CREATE ROLE archive LOGIN PASSWORD %L', :'archive_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'archive') \gexec
ALTER ROLE archive_owner PASSWORD :'owner_password';
ALTER ROLE archive PASSWORD :'archive_password';
SELECT 'CREATE DATABASE archive OWNER archive_owner ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'archive') \gexec
REVOKE ALL ON DATABASE archive FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE archive TO archive;
