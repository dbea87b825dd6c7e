-- Two-factor sign-in with time-based one-time codes (RFC 6238).
--
-- totp_secret: the authenticator's shared secret (base32), set once the person has
--   confirmed a code from it; NULL when two-factor sign-in is not set up.
-- totp_last_step: the 30-second step of the last code accepted, so that no code is
--   accepted twice.
-- totp_pending_secret / recovery_pending: what the set-up page shows until the person
--   confirms a code; the recovery codes are then hashed into recovery_codes and the plain
--   copies cleared.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
ALTER TABLE users ADD COLUMN totp_enabled_at INTEGER;
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE users ADD COLUMN recovery_pending TEXT;

-- Each code works once: used_at is set when it signs someone in.
CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- A session that has passed the password but not yet the code: it reaches nothing but the
-- page that asks for the code, and only for a few minutes.
ALTER TABLE sessions ADD COLUMN awaiting_code INTEGER NOT NULL DEFAULT 0 CHECK (awaiting_code IN (0, 1));
