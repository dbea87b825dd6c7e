-- A PostgreSQL role for the running server that may read and add audit events but never
-- change, delete or truncate them (README, "The audit trail"). Run it as the database's
-- owner after `scrutineer migrate` (which the owner runs: the serving role cannot create
-- tables), and again after each upgrade that adds tables. Replace scrutineer_app with the
-- role's name and give it a password, or use peer/certificate authentication.
GRANT USAGE ON SCHEMA public TO scrutineer_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO scrutineer_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO scrutineer_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM scrutineer_app;
