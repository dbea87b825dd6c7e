-- Every workflow step on an action or a question claims the row by its version
-- (UPDATE … SET version = version + 1 WHERE id = … AND version = <read>), so that two
-- people acting at once cannot both pass the state check: one step applies, the other is
-- told the record changed under them.
ALTER TABLE actions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- A pending extension request lapses when its action is closed or withdrawn. SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt (nothing references it).
CREATE TABLE extension_requests_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id INTEGER NOT NULL REFERENCES actions(id),
    reason TEXT NOT NULL,
    due_on_before TEXT NOT NULL,
    proposed_due_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused', 'lapsed')),
    requested_by INTEGER REFERENCES users(id),
    requested_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES users(id),
    decided_at INTEGER,
    decision_note TEXT NOT NULL DEFAULT ''
);
INSERT INTO extension_requests_new SELECT * FROM extension_requests;
DROP TABLE extension_requests;
ALTER TABLE extension_requests_new RENAME TO extension_requests;
CREATE INDEX extension_requests_action ON extension_requests(action_id, status);
-- At most one request awaits a decision per action, however many people ask at once.
CREATE UNIQUE INDEX extension_requests_one_pending ON extension_requests(action_id)
    WHERE status = 'pending';

-- Calendar feed addresses are stored only as the SHA-256 of their token (like session
-- tokens), shown once when made; a new address is held for its one showing in
-- `unseen_token` and cleared when shown. Existing addresses cannot be hashed here, so they
-- stop working: each person makes a new one.
DELETE FROM calendar_feeds;
ALTER TABLE calendar_feeds RENAME COLUMN token TO token_hash;
ALTER TABLE calendar_feeds ADD COLUMN unseen_token TEXT;
