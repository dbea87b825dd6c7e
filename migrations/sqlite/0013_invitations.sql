-- Invitation links: an admin adds a person without a password, who chooses their own from
-- a single-use link emailed to them. Only the link's SHA-256 is kept.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX invitations_user ON invitations(user_id);
