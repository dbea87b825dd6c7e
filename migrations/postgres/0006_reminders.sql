-- Reminder emails already sent (or being sent), one row per reminder: the key names the
-- kind, the action, its due date and the recipient, so a reminder goes once however many
-- server processes run and however often they restart (see services/src/reminders.rs).
CREATE TABLE reminders_sent (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    claimed_at BIGINT NOT NULL,
    sent_at BIGINT
);

-- Private calendar feeds of each person's deadlines: only the SHA-256 of the token in the
-- address is kept, so a copy of the database does not reveal working feed addresses.
CREATE TABLE calendar_feeds (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
