-- Every label data.police.uk's files have used, and why each maps where it does; labels the
-- office mapped itself (by_user set); a file that went through a spreadsheet; the force the
-- office oversees and the fewest searches a comparison is shown for.
ALTER TABLE ethnicity_labels ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE ethnicity_labels ADD COLUMN by_user INTEGER REFERENCES users(id);
ALTER TABLE outcome_labels ADD COLUMN by_user INTEGER REFERENCES users(id);
UPDATE ethnicity_labels SET note = 'Census 2011 and 2021 category (the files since 2015)';
UPDATE ethnicity_labels SET note = 'Chinese has been in the Asian group since the 2011 Census, as the Home Office groups it'
    WHERE label = 'Asian/Asian British - Chinese';
-- The 2001 Census "16+1" categories, with the codes older files put after them (the code
-- is ignored when labels are compared).
INSERT INTO ethnicity_labels (label, broad_group, note) VALUES
    ('White - White British (W1)', 'white', 'Census 2001 category (older files)'),
    ('White - White Irish (W2)', 'white', 'Census 2001 category (older files)'),
    ('White - Any other White background (W9)', 'white', 'Census 2001 category (older files)'),
    ('Mixed - White and Black Caribbean (M1)', 'mixed', 'Census 2001 category (older files)'),
    ('Mixed - White and Black African (M2)', 'mixed', 'Census 2001 category (older files)'),
    ('Mixed - White and Asian (M3)', 'mixed', 'Census 2001 category (older files)'),
    ('Mixed - Any other Mixed background (M9)', 'mixed', 'Census 2001 category (older files)'),
    ('Asian or Asian British - Indian (A1)', 'asian', 'Census 2001 category (older files)'),
    ('Asian or Asian British - Pakistani (A2)', 'asian', 'Census 2001 category (older files)'),
    ('Asian or Asian British - Bangladeshi (A3)', 'asian', 'Census 2001 category (older files)'),
    ('Asian or Asian British - Any other Asian background (A9)', 'asian', 'Census 2001 category (older files)'),
    ('Black or Black British - Caribbean (B1)', 'black', 'Census 2001 category (older files)'),
    ('Black or Black British - African (B2)', 'black', 'Census 2001 category (older files)'),
    ('Black or Black British - Any other Black background (B9)', 'black', 'Census 2001 category (older files)'),
    ('Chinese or other ethnic group - Chinese (O1)', 'asian', 'Census 2001 put Chinese in "Chinese or other"; the Home Office has grouped Chinese as Asian since 2011, and so does Scrutineer, so that years compare'),
    ('Chinese or other ethnic group - Any other ethnic group (O9)', 'other', 'Census 2001 category (older files)'),
    ('Not Stated (NS)', NULL, 'Census 2001 code for not stated (older files)');
ALTER TABLE stop_search_imports ADD COLUMN spreadsheet_edited INTEGER NOT NULL DEFAULT 0;
-- Unknown labels found in a file, with their counts, as JSON, while the office is asked.
ALTER TABLE stop_search_imports ADD COLUMN unknown_labels TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stop_search_imports ADD COLUMN kept_upload INTEGER;
-- Once its labels were mapped, the import that read the kept file (the asked one then
-- asks no more).
ALTER TABLE stop_search_imports ADD COLUMN continued_as INTEGER;
-- A check of a file ("check only", --dry-run): nothing imported; what would be, by
-- legislation and group, as JSON. Listed nowhere but its own page.
ALTER TABLE stop_search_imports ADD COLUMN checked_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stop_search_imports ADD COLUMN check_summary TEXT NOT NULL DEFAULT '[]';
-- An uploaded file kept for a short while so that it need not be chosen again: when its
-- name did not say the force or month, or while its unknown labels are asked about.
CREATE TABLE kept_uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token TEXT NOT NULL UNIQUE,
    -- Who uploaded it (none from the command line).
    user_id INTEGER REFERENCES users(id),
    file_name TEXT NOT NULL,
    bytes BLOB NOT NULL,
    size INTEGER NOT NULL,
    skip_bad_rows INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE TABLE evidence_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    by_user INTEGER REFERENCES users(id),
    at INTEGER NOT NULL
);
INSERT INTO evidence_settings (name, value, at) VALUES ('fewest_searches', '20', 0);
