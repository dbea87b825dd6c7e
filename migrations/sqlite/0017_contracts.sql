-- Contracts and grants: the seeds bind contractors and grant recipients to the equality
-- duty. Each has its equality requirements and dated monitoring returns, whose evidence
-- is recorded with a rating; due returns are in the reminders and the briefing pack.
CREATE TABLE contracts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('contract', 'grant')),
    title TEXT NOT NULL,
    party TEXT NOT NULL,
    value_pence INTEGER NOT NULL CHECK (value_pence >= 0),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    requirements TEXT NOT NULL,
    manager_name TEXT NOT NULL,
    manager_user_id INTEGER REFERENCES users(id),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE contract_monitoring (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id INTEGER NOT NULL REFERENCES contracts(id),
    due_on TEXT NOT NULL,
    received_on TEXT,
    evidence TEXT NOT NULL DEFAULT '',
    rating TEXT CHECK (rating IN ('on_track', 'at_risk', 'off_track')),
    recorded_by INTEGER REFERENCES users(id),
    recorded_at INTEGER,
    UNIQUE (contract_id, due_on)
);
CREATE INDEX contract_monitoring_due ON contract_monitoring(received_on, due_on);
