-- PORA Dashboard on PostgreSQL: roles and database. Run once, as a superuser:
--   psql -v owner_role=pora_owner -v owner_password='...' -v app_role=pora_app \
--        -v app_password='...' -v db=pora -f deploy/postgresql/roles.sql postgres
-- Then migrate as the owner (python -m pora_dash init-db with the owner's URL) and run
-- grants.sql in the new database. See docs/deployment.md.
\set ON_ERROR_STOP on

-- Owns the schema; used only to run migrations (python -m pora_dash init-db).
CREATE ROLE :"owner_role" LOGIN PASSWORD :'owner_password';
-- What the app processes connect as: reads and writes rows, cannot change the schema.
CREATE ROLE :"app_role" LOGIN PASSWORD :'app_password' CONNECTION LIMIT 60;
-- A runaway query or a forgotten transaction must not hold locks for everyone.
ALTER ROLE :"app_role" SET statement_timeout = '60s';
ALTER ROLE :"app_role" SET idle_in_transaction_session_timeout = '5min';

CREATE DATABASE :"db" OWNER :"owner_role" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"app_role";
