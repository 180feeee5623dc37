-- Garage-style bearer tokens (admin and metrics). Only a SHA-256 of the token is stored: the
-- tokens are long random strings, so a fast hash is enough and lets the gateway look one up by hash.
CREATE TABLE bearer_token (
    id         TEXT PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    kind       TEXT        NOT NULL CHECK (kind IN ('ADMIN', 'METRICS')),
    token_hash TEXT        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    scopes     TEXT[]      NOT NULL,
    ip_ranges  TEXT[]      NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ
);

-- The audit trail: identity's own changes are written in their transaction; other services'
-- changes arrive as events and are appended once per event.
CREATE TABLE audit_entry (
    id          BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    client_ip   TEXT,
    action      TEXT        NOT NULL,
    target      TEXT,
    result      TEXT        NOT NULL,
    service     TEXT        NOT NULL,
    event_id    TEXT
);
CREATE INDEX audit_entry_occurred ON audit_entry (occurred_at DESC);
