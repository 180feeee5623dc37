-- Events a consumer could not apply after its retries (poison events), kept for listing and replay.
-- One row per consumer and record: a park that is itself retried does not add a second one.
CREATE TABLE dead_letter (
    id              BIGSERIAL   PRIMARY KEY,
    consumer        TEXT        NOT NULL,
    topic           TEXT        NOT NULL,
    kafka_partition INT         NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    message_key     TEXT,
    payload         BYTEA       NOT NULL,
    error           TEXT        NOT NULL,
    attempts        INT         NOT NULL,
    parked_at       TIMESTAMPTZ NOT NULL,
    replayed_at     TIMESTAMPTZ,
    UNIQUE (consumer, topic, kafka_partition, kafka_offset)
);
