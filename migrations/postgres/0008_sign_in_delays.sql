-- Sign-in throttling slows attempts down instead of locking accounts (see services::auth):
-- a refused attempt is recorded as `throttled` (it is not a failure, and its first one in a
-- spell is audited); the address column holds the throttling key (an IPv6 /64).
ALTER TABLE sign_in_attempts ADD COLUMN throttled INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at);
