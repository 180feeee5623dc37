-- Access keys (Garage keys), also the signing keys of the JuiceFS console scheme. The secret must
-- be recovered to verify HMAC signatures, so it is encrypted with the key-encryption key.
CREATE TABLE access_key (
    id                  TEXT PRIMARY KEY,
    name                TEXT        NOT NULL,
    secret_sealed       TEXT        NOT NULL,
    allow_create_bucket BOOLEAN     NOT NULL DEFAULT FALSE,
    -- What the key may call through the gateway and from where (empty: anywhere).
    scopes              TEXT[]      NOT NULL DEFAULT '{*}',
    ip_ranges           TEXT[]      NOT NULL DEFAULT '{}',
    created_at          TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX access_key_name ON access_key (name) WHERE name <> '';
