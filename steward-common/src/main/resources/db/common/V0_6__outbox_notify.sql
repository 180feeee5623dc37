-- Wakes every replica's outbox relay (OutboxWakeups: LISTEN steward_outbox) when events commit, rather
-- than at its next poll. NOTIFY is delivered at commit, once per transaction and channel, and
-- never for a rolled-back insert, so a relay wakes exactly for what it can publish.
CREATE OR REPLACE FUNCTION steward_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('steward_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION steward_outbox_notify();
