-- Gluster REST applications: an app id and the secret its JWTs are signed with (HS256), kept
-- encrypted with the key-encryption key since the gateway must recover it to verify signatures.
CREATE TABLE gluster_app (
    id            TEXT PRIMARY KEY,
    secret_sealed TEXT        NOT NULL,
    scopes        TEXT[]      NOT NULL DEFAULT '{*}',
    ip_ranges     TEXT[]      NOT NULL DEFAULT '{}',
    created_at    TIMESTAMPTZ NOT NULL,
    reset_at      TIMESTAMPTZ
);
