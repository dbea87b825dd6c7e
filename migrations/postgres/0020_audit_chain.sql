-- The audit trail as a hash chain (services::audit::chain): each event carries its place in
-- the chain, the hash of the event before it and its own hash, written in the same
-- transaction as the change it records.
ALTER TABLE audit_events ADD COLUMN seq BIGINT;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_events_seq ON audit_events(seq);

-- Events written before the chain existed are sealed once, in order, when the database is
-- next migrated: the only update ever allowed sets the chain's columns of an unsealed
-- event and nothing else. DELETE and TRUNCATE are refused outright (README, "The audit
-- trail", has the serving role that may not even try).
DROP TRIGGER audit_events_no_change ON audit_events;
CREATE FUNCTION audit_events_seal_only() RETURNS trigger AS $$
BEGIN
    IF OLD.hash IS NOT NULL
        OR (NEW.id, NEW.at, NEW.actor_id, NEW.actor_label, NEW.action, NEW.entity,
            NEW.entity_id, NEW.before_json, NEW.after_json, NEW.address)
           IS DISTINCT FROM
           (OLD.id, OLD.at, OLD.actor_id, OLD.actor_label, OLD.action, OLD.entity,
            OLD.entity_id, OLD.before_json, OLD.after_json, OLD.address)
    THEN
        RAISE EXCEPTION 'audit events are append-only';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_seal_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
