-- Police complaints figures in the measures of the IOPC's bulletins, per force and
-- financial quarter, with the most-similar-forces group's and the national figure beside
-- each; values in thousandths (averages of days have decimals). Every import is kept,
-- refused or not, with its problems by line; thresholds flag a force above the nation.
CREATE TABLE complaint_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file_name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'refused')),
    rows_read INTEGER NOT NULL,
    problems TEXT NOT NULL,
    by_user INTEGER REFERENCES users(id),
    at INTEGER NOT NULL
);

CREATE TABLE complaint_figures (
    force TEXT NOT NULL,
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    measure TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value >= 0),
    msf INTEGER CHECK (msf >= 0),
    national INTEGER CHECK (national >= 0),
    import_id INTEGER NOT NULL REFERENCES complaint_imports(id),
    PRIMARY KEY (force, measure, year, quarter)
);

-- Flag a measure whose latest quarter is above the national figure by `percent` or more
-- (any measure when `measure` is empty).
CREATE TABLE complaint_thresholds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    measure TEXT NOT NULL,
    percent INTEGER NOT NULL CHECK (percent >= 0),
    by_user INTEGER REFERENCES users(id),
    at INTEGER NOT NULL
);
