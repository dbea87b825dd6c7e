-- Full-text search over actions (reference and text), questions (text and context) and
-- minutes (the latest version). One index; each row's key is the record's id times 8 plus
-- its kind (1 action, 2 question, 3 minutes). References are indexed with spaces for
-- slashes ("SPCB 2026 014"), so that a reference typed in full is found word by word on
-- both databases. Kept up to date by triggers.
CREATE TABLE search_index (
    key BIGINT PRIMARY KEY,
    body TEXT NOT NULL,
    doc tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
);
CREATE INDEX search_index_doc ON search_index USING GIN (doc);

INSERT INTO search_index (key, body)
    SELECT id * 8 + 1, replace(reference, '/', ' ') || ' ' || text FROM actions;
INSERT INTO search_index (key, body)
    SELECT id * 8 + 2, text || ' ' || context FROM questions;
INSERT INTO search_index (key, body)
    SELECT v.meeting_id * 8 + 3, v.body FROM minutes_versions v
    WHERE v.number = (SELECT MAX(w.number) FROM minutes_versions w WHERE w.meeting_id = v.meeting_id);

CREATE FUNCTION search_index_put(k BIGINT, b TEXT) RETURNS void AS $$
    INSERT INTO search_index (key, body) VALUES (k, b)
    ON CONFLICT (key) DO UPDATE SET body = EXCLUDED.body;
$$ LANGUAGE SQL;

CREATE FUNCTION actions_search() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_index WHERE key = OLD.id * 8 + 1;
        RETURN OLD;
    END IF;
    PERFORM search_index_put(NEW.id * 8 + 1, replace(NEW.reference, '/', ' ') || ' ' || NEW.text);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER actions_search AFTER INSERT OR UPDATE OF reference, text OR DELETE ON actions
    FOR EACH ROW EXECUTE FUNCTION actions_search();

CREATE FUNCTION questions_search() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_index WHERE key = OLD.id * 8 + 2;
        RETURN OLD;
    END IF;
    PERFORM search_index_put(NEW.id * 8 + 2, NEW.text || ' ' || NEW.context);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER questions_search AFTER INSERT OR UPDATE OF text, context OR DELETE ON questions
    FOR EACH ROW EXECUTE FUNCTION questions_search();

CREATE FUNCTION minutes_search() RETURNS trigger AS $$
BEGIN
    PERFORM search_index_put(NEW.meeting_id * 8 + 3, NEW.body);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER minutes_search AFTER INSERT ON minutes_versions
    FOR EACH ROW EXECUTE FUNCTION minutes_search();
