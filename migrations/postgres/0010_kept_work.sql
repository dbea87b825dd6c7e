-- A form posted after its sender's session ended: what they typed, kept for them (the user
-- whose session it was, in the browser holding the cookie whose hash is `holder_hash`)
-- until they sign in again, when they are taken back to `page` with it restored.
CREATE TABLE kept_work (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    holder_hash TEXT NOT NULL,
    page TEXT NOT NULL,
    server_fn TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX kept_work_user ON kept_work(user_id, holder_hash);

-- When a session ended by going unused or too old. An ended session is kept (for
-- kept_work's time) only to say whose it was, never to sign anyone in.
ALTER TABLE sessions ADD COLUMN ended_at BIGINT;
