-- Who a response is from (the action's owner as the public reads it: "The force",
-- "Community Scrutiny Panel"), and, when the OPCC recorded it for them, when and how it
-- was received (letter, email, meeting). Empty for entries that are no one's words.
ALTER TABLE timeline_entries ADD COLUMN speaker TEXT;
ALTER TABLE timeline_entries ADD COLUMN received_on TEXT;
ALTER TABLE timeline_entries ADD COLUMN channel TEXT;
