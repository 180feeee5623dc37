-- An event Kafka refused for good (too large, invalid topic) is set aside with the broker's error
-- instead of being re-sent for ever; the relay carries on with the events behind it.
ALTER TABLE outbox_event ADD COLUMN failed_at TIMESTAMPTZ;
ALTER TABLE outbox_event ADD COLUMN error TEXT;
DROP INDEX IF EXISTS outbox_event_unpublished;
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE published_at IS NULL AND failed_at IS NULL;
