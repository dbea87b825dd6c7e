-- The audit trail as a hash chain (services::audit::chain): each event carries its place in
-- the chain, the hash of the event before it and its own hash, written in the same
-- transaction as the change it records.
ALTER TABLE audit_events ADD COLUMN seq INTEGER;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_events_seq ON audit_events(seq);

-- Events written before the chain existed are sealed once, in order, when the database is
-- next migrated: the only update ever allowed sets the chain's columns of an unsealed
-- event and nothing else.
DROP TRIGGER audit_events_no_update;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN OLD.hash IS NOT NULL
    OR NEW.id IS NOT OLD.id
    OR NEW.at IS NOT OLD.at
    OR NEW.actor_id IS NOT OLD.actor_id
    OR NEW.actor_label IS NOT OLD.actor_label
    OR NEW.action IS NOT OLD.action
    OR NEW.entity IS NOT OLD.entity
    OR NEW.entity_id IS NOT OLD.entity_id
    OR NEW.before_json IS NOT OLD.before_json
    OR NEW.after_json IS NOT OLD.after_json
    OR NEW.address IS NOT OLD.address
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
