-- Stop and search records in the data.police.uk format, what their labels mean, the
-- population tables rates are computed on, and a count per force, month, legislation and
-- group kept beside the records so that a year's figures never scan a year's rows.

-- How data.police.uk's self-defined ethnicity labels map to the Census's broad groups.
-- A NULL group means "not stated". Shown on the evidence pages; a label not here is refused.
CREATE TABLE ethnicity_labels (
    label TEXT PRIMARY KEY,
    broad_group TEXT CHECK (broad_group IN ('asian', 'black', 'mixed', 'white', 'other'))
);
INSERT INTO ethnicity_labels (label, broad_group) VALUES
    ('Asian/Asian British - Bangladeshi', 'asian'),
    ('Asian/Asian British - Chinese', 'asian'),
    ('Asian/Asian British - Indian', 'asian'),
    ('Asian/Asian British - Pakistani', 'asian'),
    ('Asian/Asian British - Any other Asian background', 'asian'),
    ('Black/African/Caribbean/Black British - African', 'black'),
    ('Black/African/Caribbean/Black British - Caribbean', 'black'),
    ('Black/African/Caribbean/Black British - Any other Black/African/Caribbean background', 'black'),
    ('Mixed/Multiple ethnic groups - White and Asian', 'mixed'),
    ('Mixed/Multiple ethnic groups - White and Black African', 'mixed'),
    ('Mixed/Multiple ethnic groups - White and Black Caribbean', 'mixed'),
    ('Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background', 'mixed'),
    ('White - English/Welsh/Scottish/Northern Irish/British', 'white'),
    ('White - Irish', 'white'),
    ('White - Gypsy or Irish Traveller', 'white'),
    ('White - Roma', 'white'),
    ('White - Any other White background', 'white'),
    ('Other ethnic group - Arab', 'other'),
    ('Other ethnic group - Any other ethnic group', 'other'),
    ('Other ethnic group - Not stated', NULL);

-- Outcome labels, today's and the older files' (legacy = 1), each mapped to today's outcome.
CREATE TABLE outcome_labels (
    label TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    legacy INTEGER NOT NULL
);
INSERT INTO outcome_labels (label, outcome, legacy) VALUES
    ('A no further action disposal', 'no_further_action', 0),
    ('Arrest', 'arrest', 0),
    ('Community resolution', 'community_resolution', 0),
    ('Khat or Cannabis warning', 'drugs_warning', 0),
    ('Penalty Notice for Disorder', 'penalty_notice', 0),
    ('Summons / charged by post', 'summons', 0),
    ('Caution (simple or conditional)', 'caution', 0),
    ('Nothing found - no further action', 'no_further_action', 1),
    ('Suspected psychoactive substances seized - No further action', 'no_further_action', 1),
    ('Suspect arrested', 'arrest', 1),
    ('Local resolution', 'community_resolution', 1),
    ('Offender given drugs possession warning', 'drugs_warning', 1),
    ('Offender given penalty notice', 'penalty_notice', 1),
    ('Suspect summonsed to court', 'summons', 1),
    ('Offender cautioned', 'caution', 1),
    ('Article found - Detailed outcome unavailable', 'found_no_detail', 1);

-- Every import of a force's month, kept: who, which file, its checksum, how many rows, and
-- the rows refused or skipped (line, column, reason) as JSON.
CREATE TABLE stop_search_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    force TEXT NOT NULL,
    month TEXT NOT NULL,
    file_name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'refused')),
    rows_read INTEGER NOT NULL,
    rows_imported INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL,
    vehicle_only INTEGER NOT NULL DEFAULT 0,
    problems_total INTEGER NOT NULL DEFAULT 0,
    problems TEXT NOT NULL,
    by_user INTEGER REFERENCES users(id),
    at INTEGER NOT NULL
);
CREATE INDEX stop_search_imports_force_month ON stop_search_imports(force, month, at);

-- The records, as the file gave them (blank = not recorded = NULL), with the broad groups
-- read from the labels at import. Replaced whole when a force's month is imported again.
CREATE TABLE stop_searches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id INTEGER NOT NULL REFERENCES stop_search_imports(id),
    force TEXT NOT NULL,
    month TEXT NOT NULL,
    line INTEGER NOT NULL,
    search_type TEXT NOT NULL,
    searched_at TEXT NOT NULL,
    part_of_operation INTEGER,
    operation TEXT,
    latitude TEXT,
    longitude TEXT,
    gender TEXT,
    age_range TEXT,
    self_defined TEXT,
    self_group TEXT,
    officer_group TEXT,
    legislation TEXT,
    object_of_search TEXT,
    outcome_label TEXT,
    outcome TEXT,
    outcome_linked INTEGER,
    outer_clothing_removed INTEGER
);
CREATE INDEX stop_searches_force_month ON stop_searches(force, month);

-- Searches of persons counted by force, month, legislation ('' when not recorded), basis
-- (self- or officer-defined) and group ('' when not stated), rebuilt for a force's month
-- in the transaction that imports it.
CREATE TABLE stop_search_counts (
    force TEXT NOT NULL,
    month TEXT NOT NULL,
    legislation TEXT NOT NULL,
    basis TEXT NOT NULL CHECK (basis IN ('self', 'officer')),
    broad_group TEXT NOT NULL,
    searches INTEGER NOT NULL,
    arrests INTEGER NOT NULL,
    no_further_action INTEGER NOT NULL,
    outcome_recorded INTEGER NOT NULL,
    linked INTEGER NOT NULL,
    linked_recorded INTEGER NOT NULL,
    PRIMARY KEY (force, basis, month, legislation, broad_group)
);

-- Population tables: the Census 2021 one is loaded at first start; people may import others.
CREATE TABLE population_tables (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    year INTEGER NOT NULL,
    is_default INTEGER NOT NULL,
    by_user INTEGER REFERENCES users(id),
    at INTEGER NOT NULL
);
CREATE TABLE populations (
    table_id INTEGER NOT NULL REFERENCES population_tables(id) ON DELETE CASCADE,
    area_code TEXT NOT NULL,
    broad_group TEXT NOT NULL CHECK (broad_group IN ('asian', 'black', 'mixed', 'white', 'other')),
    people INTEGER NOT NULL CHECK (people >= 0),
    PRIMARY KEY (table_id, area_code, broad_group)
);

-- Figures attached to questions, frozen with their inputs (JSON) when attached: later
-- imports never change them. `address` is the evidence page's query the figure came from.
CREATE TABLE question_figures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    broad_group TEXT NOT NULL CHECK (broad_group IN ('asian', 'black', 'mixed', 'other')),
    address TEXT NOT NULL,
    figure TEXT NOT NULL,
    by_user INTEGER REFERENCES users(id),
    at INTEGER NOT NULL
);
CREATE INDEX question_figures_question ON question_figures(question_id);

-- The Commissioner's thresholds: a figure crossing one is flagged on the evidence page.
-- Values in hundredths (300 = a ratio of 3), so both databases hold them exactly.
CREATE TABLE evidence_thresholds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('ratio', 'interval')),
    hundredths INTEGER NOT NULL CHECK (hundredths > 0),
    by_user INTEGER REFERENCES users(id),
    at INTEGER NOT NULL
);

-- Forces whose latest 12 months of figures the Commissioner has published.
CREATE TABLE evidence_publications (
    force TEXT PRIMARY KEY,
    by_user INTEGER REFERENCES users(id),
    at INTEGER NOT NULL
);
