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

-- Private calendar feeds of each person's deadlines. The token in the feed's address is
-- kept as is, so that its owner can see the address again whenever they need it; it
-- grants read access to deadline titles and dates only, and its owner can replace it
-- (which stops the old address working) at any time.
CREATE TABLE calendar_feeds (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    token TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
