-- What a person's sessions page shows of each: the browser it was started in (from the
-- User-Agent, summarised) and the address it signed in from.
ALTER TABLE sessions ADD COLUMN browser TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
