-- What the public reads of each response and answer, chosen by the office: 'written' is
-- its author's words less any redacted phrases, 'summary' the office's summary instead;
-- empty is not published (publishing an action or question no longer publishes them).
ALTER TABLE timeline_entries ADD COLUMN published_as TEXT CHECK (published_as IN ('written', 'summary'));
ALTER TABLE timeline_entries ADD COLUMN public_summary TEXT;
ALTER TABLE timeline_entries ADD COLUMN published_at INTEGER;
ALTER TABLE timeline_entries ADD COLUMN published_by INTEGER REFERENCES users(id);

-- A phrase of a response or answer the public never reads, shown to them as
-- "[redacted: <reason>]". Lifting one keeps the row (who redacted it, when, why; who lifted
-- it, when): the audit trail has the same, this is what the pages read.
CREATE TABLE redactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id INTEGER NOT NULL REFERENCES timeline_entries(id),
    phrase TEXT NOT NULL,
    reason TEXT NOT NULL,
    made_by INTEGER REFERENCES users(id),
    made_by_name TEXT NOT NULL,
    made_at INTEGER NOT NULL,
    lifted_by_name TEXT,
    lifted_at INTEGER
);
CREATE INDEX redactions_entry ON redactions(entry_id);

-- What the public could already read stays as it was: the words of published records.
UPDATE timeline_entries SET published_as = 'written'
WHERE kind IN ('response', 'answer')
  AND ((subject = 'action' AND subject_id IN (SELECT id FROM actions WHERE published = 1))
    OR (subject = 'question' AND subject_id IN (SELECT id FROM questions WHERE published = 1)));
