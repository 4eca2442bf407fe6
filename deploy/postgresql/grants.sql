-- Rights of the app role in the PORA database, after the first migration. Run as the owner:
--   psql -v owner_role=pora_owner -v app_role=pora_app -f deploy/postgresql/grants.sql \
--        "postgresql://pora_owner@DBHOST/pora"
-- Running it again is harmless. The default privileges cover tables and sequences that later
-- migrations create, so upgrades need no new grants.
\set ON_ERROR_STOP on

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";
