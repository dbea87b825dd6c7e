-- The equality framework as data: plans of equality objectives (with a review date the
-- law sets at most four years on), their objectives by group, dated progress updates with
-- a rating; the tags that say which objectives, aims of the duty and protected
-- characteristics a question or action concerns; the Commissioner's assurance, kept apart
-- from an action's or question's status; and which annual equality reports are published.
-- The three aims and the nine characteristics are fixed by the Equality Act 2010 and live
-- in the code (`domain::equality`), not here.

CREATE TABLE equality_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    review_on TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE equality_objectives (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES equality_plans(id),
    grouping TEXT NOT NULL CHECK (grouping IN ('communities', 'organisation', 'partners')),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX equality_objectives_plan ON equality_objectives(plan_id, grouping, position);

CREATE TABLE objective_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    objective_id INTEGER NOT NULL REFERENCES equality_objectives(id),
    rating TEXT NOT NULL CHECK (rating IN ('on_track', 'at_risk', 'off_track')),
    body TEXT NOT NULL,
    by_user INTEGER REFERENCES users(id),
    at INTEGER NOT NULL
);
CREATE INDEX objective_updates_objective ON objective_updates(objective_id, at);

-- `tag` is `objective:<id>`, `aim:<aim>` or `characteristic:<characteristic>`
-- (`domain::equality::Tag`).
CREATE TABLE equality_tags (
    subject TEXT NOT NULL CHECK (subject IN ('question', 'action')),
    subject_id INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (subject, subject_id, tag)
);
CREATE INDEX equality_tags_tag ON equality_tags(tag, subject);

ALTER TABLE questions ADD COLUMN assurance TEXT
    CHECK (assurance IN ('assured', 'partly_assured', 'not_assured'));
ALTER TABLE questions ADD COLUMN assurance_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN assured_at INTEGER;
ALTER TABLE actions ADD COLUMN assurance TEXT
    CHECK (assurance IN ('assured', 'partly_assured', 'not_assured'));
ALTER TABLE actions ADD COLUMN assurance_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN assured_at INTEGER;
-- A follow-up action spawned by a "not assured" closure points at the action it follows.
ALTER TABLE actions ADD COLUMN follows_action_id INTEGER REFERENCES actions(id);

-- A financial year's annual equality report, once published (year = the April it starts).
CREATE TABLE equality_reports (
    year INTEGER PRIMARY KEY,
    published_by INTEGER REFERENCES users(id),
    published_at INTEGER NOT NULL
);
