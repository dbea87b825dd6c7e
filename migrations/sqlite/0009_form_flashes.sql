-- What a form posted without JavaScript sends back to its page (its errors and the values
-- typed), kept here for one showing instead of travelling in the address: the address
-- carries only a random id, and the browser that posted holds the cookie whose hash is
-- `holder_hash`, so a link made by someone else shows nothing.
CREATE TABLE form_flashes (
    id TEXT PRIMARY KEY,
    holder_hash TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX form_flashes_created ON form_flashes(created_at);
