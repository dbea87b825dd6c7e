-- Emails about events that give someone work, written in the same transaction as the
-- event (an outbox) and sent by the server's background job: claimed before sending so each
-- goes once, given back if the send fails.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    notice TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    -- The record's address on this site; the public URL is put in front when sent.
    path TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    claimed_at INTEGER,
    sent_at INTEGER
);
CREATE INDEX notifications_waiting ON notifications(sent_at, claimed_at, id);
CREATE INDEX notifications_user ON notifications(user_id);

-- Each person's choice of notices; a notice without a row here is wanted.
CREATE TABLE notification_choices (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    notice TEXT NOT NULL,
    wanted INTEGER NOT NULL CHECK (wanted IN (0, 1)),
    PRIMARY KEY (user_id, notice)
);
