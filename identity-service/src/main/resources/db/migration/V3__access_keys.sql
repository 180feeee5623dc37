-- Access keys (Garage keys), also the signing keys of the JuiceFS console scheme. The secret must
-- be recovered to verify HMAC signatures, so it is encrypted with the key-encryption key.
CREATE TABLE access_key (
    id                  TEXT PRIMARY KEY,
    name                TEXT        NOT NULL,
    secret_sealed       TEXT        NOT NULL,
    allow_create_bucket BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX access_key_name ON access_key (name) WHERE name <> '';
