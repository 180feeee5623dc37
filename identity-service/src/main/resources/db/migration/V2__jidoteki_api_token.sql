-- The Jidoteki admin API token. Only its secret key sha256hex(token) is kept (the HMAC key of
-- ?hash= authentication), encrypted with the key-encryption key; the token itself is never stored.
CREATE TABLE api_token (
    singleton          BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    secret_key_sealed  TEXT        NOT NULL,
    changed_at         TIMESTAMPTZ NOT NULL
);
