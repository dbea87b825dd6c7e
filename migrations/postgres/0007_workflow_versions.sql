-- Every workflow step on an action or a question claims the row by its version
-- (UPDATE … SET version = version + 1 WHERE id = … AND version = <read>), so that two
-- people acting at once cannot both pass the state check: one step applies, the other is
-- told the record changed under them.
ALTER TABLE actions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- A pending extension request lapses when its action is closed or withdrawn.
ALTER TABLE extension_requests DROP CONSTRAINT extension_requests_status_check;
ALTER TABLE extension_requests ADD CONSTRAINT extension_requests_status_check
    CHECK (status IN ('pending', 'approved', 'refused', 'lapsed'));
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
