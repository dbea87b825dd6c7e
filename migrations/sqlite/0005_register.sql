-- The accountability register: topics, questions to the force, actions with references,
-- extension requests, and one timeline of what happened to each question and action.
-- Dates that are days (due dates, the day a question was asked) are ISO-8601 text
-- (YYYY-MM-DD), which sorts and compares the same way on both databases; instants are
-- Unix seconds, as in 0001.

CREATE TABLE topics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at INTEGER NOT NULL
);
INSERT INTO topics (name, position, created_at) VALUES
    ('Stop and search', 1, 0),
    ('Complaints', 2, 0),
    ('Use of force', 3, 0),
    ('Workforce representation', 4, 0),
    ('Hate crime', 5, 0),
    ('Custody', 6, 0),
    ('Other', 7, 0);

CREATE TABLE questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id INTEGER NOT NULL REFERENCES boards(id),
    topic_id INTEGER NOT NULL REFERENCES topics(id),
    text TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    -- The meeting it was raised at; NULL when put in writing.
    meeting_id INTEGER REFERENCES meetings(id),
    asked_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN
        ('draft', 'awaiting_answer', 'answered', 'satisfactory', 'further_information_requested')),
    answer TEXT NOT NULL DEFAULT '',
    answered_at INTEGER,
    assessment_note TEXT NOT NULL DEFAULT '',
    assessed_at INTEGER,
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX questions_board_due ON questions(board_id, due_on);
CREATE INDEX questions_status_due ON questions(status, due_on);
CREATE INDEX questions_published ON questions(published, asked_on);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id INTEGER NOT NULL REFERENCES boards(id),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    topic_id INTEGER NOT NULL REFERENCES topics(id),
    origin TEXT NOT NULL CHECK (origin IN ('meeting', 'question', 'standalone')),
    meeting_id INTEGER REFERENCES meetings(id),
    agenda_item_id INTEGER REFERENCES agenda_items(id),
    question_id INTEGER REFERENCES questions(id),
    -- The minutes version and the ACTION: line that created it.
    minutes_line TEXT,
    minutes_version INTEGER,
    owner TEXT NOT NULL CHECK (owner IN ('force', 'opcc', 'partner')),
    owner_name TEXT NOT NULL,
    owner_user_id INTEGER REFERENCES users(id),
    priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
    status TEXT NOT NULL CHECK (status IN
        ('open', 'response_submitted', 'further_information_requested', 'closed', 'withdrawn')),
    due_on TEXT NOT NULL,
    original_due_on TEXT NOT NULL,
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    closed_at INTEGER,
    UNIQUE (board_id, year, number)
);
CREATE INDEX actions_status_due ON actions(status, due_on);
CREATE INDEX actions_owner_status_due ON actions(owner, status, due_on);
CREATE INDEX actions_board_due ON actions(board_id, due_on);
CREATE INDEX actions_topic_due ON actions(topic_id, due_on);
CREATE INDEX actions_due ON actions(due_on);
CREATE INDEX actions_meeting ON actions(meeting_id);
CREATE INDEX actions_question ON actions(question_id);
CREATE INDEX actions_owner_user ON actions(owner_user_id);
CREATE INDEX actions_published ON actions(published, due_on);
CREATE INDEX actions_updated ON actions(updated_at);

CREATE TABLE extension_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id INTEGER NOT NULL REFERENCES actions(id),
    reason TEXT NOT NULL,
    due_on_before TEXT NOT NULL,
    proposed_due_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    requested_by INTEGER REFERENCES users(id),
    requested_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES users(id),
    decided_at INTEGER,
    decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX extension_requests_action ON extension_requests(action_id, status);

-- What happened to a question or an action, in order: responses, assessments, extension
-- requests and decisions, withdrawals, edits. The person's name is kept as it was then.
CREATE TABLE timeline_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL CHECK (subject IN ('action', 'question')),
    subject_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    actor_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    status TEXT,
    due_on TEXT
);
CREATE INDEX timeline_entries_subject ON timeline_entries(subject, subject_id, id);
