-- The last action number given out per board and year, for references such as
-- SPCB/2026/014. Taken and raised in the same transaction as the action it numbers, so a
-- failed creation gives its number back: no gaps, no duplicates.

CREATE TABLE action_counters (
    board_id BIGINT NOT NULL REFERENCES boards(id),
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (board_id, year)
);
