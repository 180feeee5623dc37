-- Idempotency-Key (docs/decisions.md): a mutating request's key, per caller, with the answer it got.
-- Written in the request's own transaction, so a key is kept exactly when its effect committed.
CREATE TABLE idempotency_key (
    principal       TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    fingerprint     TEXT        NOT NULL,
    status          INTEGER,
    content_type    TEXT,
    body            BYTEA,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
