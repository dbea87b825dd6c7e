-- Invitation links: an admin adds a person without a password, who chooses their own from
-- a single-use link emailed to them. Only the link's SHA-256 is kept.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX invitations_user ON invitations(user_id);
