-- Board members, meetings, attendance, agendas and versioned minutes.
-- Same conventions as 0001: Unix seconds (UTC) in INTEGER columns, 0/1 flags.

ALTER TABLE boards ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

CREATE TABLE board_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id INTEGER NOT NULL REFERENCES boards(id),
    -- A Scrutineer user, or NULL for someone from outside named below.
    user_id INTEGER REFERENCES users(id),
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX board_members_board ON board_members(board_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id INTEGER NOT NULL REFERENCES boards(id),
    starts_at INTEGER NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    online_link TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled')),
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX meetings_board_start ON meetings(board_id, starts_at);
CREATE INDEX meetings_published ON meetings(published, starts_at);

CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    member_id INTEGER NOT NULL REFERENCES board_members(id),
    attendance TEXT NOT NULL CHECK (attendance IN ('attended', 'apologies', 'not_recorded')),
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE meeting_guests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_guests_meeting ON meeting_guests(meeting_id);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    lead TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL CHECK (purpose IN ('decision', 'assurance', 'information')),
    notes TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

CREATE TABLE minutes (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'published')),
    version INTEGER NOT NULL,
    approved_at_meeting_id INTEGER REFERENCES meetings(id),
    approved_by INTEGER REFERENCES users(id),
    approved_at INTEGER,
    published_at INTEGER,
    updated_at INTEGER NOT NULL
);

CREATE TABLE minutes_versions (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    number INTEGER NOT NULL,
    body TEXT NOT NULL,
    author_id INTEGER REFERENCES users(id),
    author_label TEXT NOT NULL,
    reason TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, number)
);

-- Text a person previewed and has not saved yet: one per person and meeting, replaced by
-- each preview and removed by a save.
CREATE TABLE minutes_unsaved (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    based_on INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);
