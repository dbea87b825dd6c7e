-- A password set by an admin (on creating an account or resetting its password) must be
-- changed by its person at their next sign-in; until then their session reaches only the
-- page that changes it.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
