-- A statutory publication does not change under its readers. Each publication of a year's
-- equality report is a version: what it said and the figures it showed, frozen when it was
-- published (the report as the public page reads it), with a line saying what changed
-- since the one before. Every version stays readable at its own address.
CREATE TABLE report_versions (
    year BIGINT NOT NULL,
    number BIGINT NOT NULL,
    content TEXT NOT NULL,
    change_note TEXT NOT NULL DEFAULT '',
    published_by BIGINT REFERENCES users(id),
    published_by_name TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (year, number)
);

-- Published minutes are versions too: the version that was first published, and each
-- correction after it (with its reason), are read by the public at their own addresses.
ALTER TABLE minutes ADD COLUMN first_published_version BIGINT;
UPDATE minutes SET first_published_version = version WHERE status = 'published';
