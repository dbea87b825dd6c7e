-- The titles minutes name owners by ("Chief Constable to …", "Head of PSD to …"), each with
-- the organisation it belongs to, so that an ACTION line naming one fills the owner. Kept
-- by the secretariat; `title_key` is the title compared (lower case, no full stops).
CREATE TABLE owner_titles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL UNIQUE,
    owner TEXT NOT NULL CHECK (owner IN ('force', 'opcc', 'partner')),
    created_at INTEGER NOT NULL
);
INSERT INTO owner_titles (title, title_key, owner, created_at) VALUES
    ('Chief Constable', 'chief constable', 'force', 0),
    ('Deputy Chief Constable', 'deputy chief constable', 'force', 0),
    ('DCC', 'dcc', 'force', 0),
    ('Assistant Chief Constable', 'assistant chief constable', 'force', 0),
    ('ACC', 'acc', 'force', 0),
    ('Chief Superintendent', 'chief superintendent', 'force', 0),
    ('Ch Supt', 'ch supt', 'force', 0),
    ('Superintendent', 'superintendent', 'force', 0),
    ('Supt', 'supt', 'force', 0),
    ('Head of Professional Standards', 'head of professional standards', 'force', 0),
    ('Head of PSD', 'head of psd', 'force', 0),
    ('Chief Executive', 'chief executive', 'opcc', 0),
    ('Policy Officer', 'policy officer', 'opcc', 0),
    ('Head of Governance', 'head of governance', 'opcc', 0);
