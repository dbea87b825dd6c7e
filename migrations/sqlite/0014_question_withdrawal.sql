-- A question put to the force can be withdrawn, with a reason kept in its timeline.
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt: a new table,
-- the rows copied, the old one dropped and the new one renamed. Actions refer to
-- questions(id); migrations run with foreign keys off (`Db::migrate`, as SQLite's own
-- procedure for this asks) and the references are checked once they have all run. The
-- search index keeps its rows (dropping a table fires no triggers); the indexes and
-- triggers, which went with the old table, are made again.
CREATE TABLE questions_new (
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
        ('draft', 'awaiting_answer', 'answered', 'satisfactory', 'further_information_requested',
         'withdrawn')),
    answer TEXT NOT NULL DEFAULT '',
    answered_at INTEGER,
    assessment_note TEXT NOT NULL DEFAULT '',
    assessed_at INTEGER,
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO questions_new (id, board_id, topic_id, text, context, meeting_id, asked_on, due_on,
        status, answer, answered_at, assessment_note, assessed_at, published, created_by,
        created_at, updated_at, version)
    SELECT id, board_id, topic_id, text, context, meeting_id, asked_on, due_on, status, answer,
        answered_at, assessment_note, assessed_at, published, created_by, created_at,
        updated_at, version
    FROM questions;
DROP TABLE questions;
ALTER TABLE questions_new RENAME TO questions;
CREATE INDEX questions_board_due ON questions(board_id, due_on);
CREATE INDEX questions_status_due ON questions(status, due_on);
CREATE INDEX questions_published ON questions(published, asked_on);

CREATE TRIGGER questions_search_insert AFTER INSERT ON questions BEGIN
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 2, NEW.text || ' ' || NEW.context);
END;
CREATE TRIGGER questions_search_update AFTER UPDATE OF text, context ON questions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 2, NEW.text || ' ' || NEW.context);
END;
CREATE TRIGGER questions_search_delete AFTER DELETE ON questions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
END;
