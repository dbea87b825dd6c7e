-- Full-text search over actions (reference and text), questions (text and context) and
-- minutes (the latest version). One index; each row's rowid is the record's id times 8
-- plus its kind (1 action, 2 question, 3 minutes), so a change finds its row by key.
-- References are indexed with spaces for slashes ("SPCB 2026 014"), so that a reference
-- typed in full is found word by word on both databases. Kept up to date by triggers.
CREATE VIRTUAL TABLE search_index USING fts5(body, tokenize = 'porter unicode61');

INSERT INTO search_index (rowid, body)
    SELECT id * 8 + 1, replace(reference, '/', ' ') || ' ' || text FROM actions;
INSERT INTO search_index (rowid, body)
    SELECT id * 8 + 2, text || ' ' || context FROM questions;
INSERT INTO search_index (rowid, body)
    SELECT v.meeting_id * 8 + 3, v.body FROM minutes_versions v
    WHERE v.number = (SELECT MAX(w.number) FROM minutes_versions w WHERE w.meeting_id = v.meeting_id);

CREATE TRIGGER actions_search_insert AFTER INSERT ON actions BEGIN
    INSERT INTO search_index (rowid, body)
        VALUES (NEW.id * 8 + 1, replace(NEW.reference, '/', ' ') || ' ' || NEW.text);
END;
CREATE TRIGGER actions_search_update AFTER UPDATE OF reference, text ON actions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
    INSERT INTO search_index (rowid, body)
        VALUES (NEW.id * 8 + 1, replace(NEW.reference, '/', ' ') || ' ' || NEW.text);
END;
CREATE TRIGGER actions_search_delete AFTER DELETE ON actions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
END;

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

CREATE TRIGGER minutes_search_insert AFTER INSERT ON minutes_versions BEGIN
    DELETE FROM search_index WHERE rowid = NEW.meeting_id * 8 + 3;
    INSERT INTO search_index (rowid, body) VALUES (NEW.meeting_id * 8 + 3, NEW.body);
END;
