-- An import under way: its rows are written in short transactions (so that other writers
-- are not kept waiting for the whole file), and nothing reads them, or lists the import,
-- until it is finished and this is 0.
ALTER TABLE stop_search_imports ADD COLUMN loading INTEGER NOT NULL DEFAULT 0;
