-- The TLS certificate the gateways serve (one per installation); the key is sealed with the KEK.
CREATE TABLE tls_certificate (
    id                 SMALLINT PRIMARY KEY CHECK (id = 1),
    certificate_pem    TEXT        NOT NULL,
    private_key_sealed TEXT        NOT NULL,
    ca_pem             TEXT,
    subject            TEXT        NOT NULL,
    not_after          TIMESTAMPTZ NOT NULL,
    fingerprint        TEXT        NOT NULL,
    installed_at       TIMESTAMPTZ NOT NULL
);

-- Jidoteki's GET /certs: the status of the last certificate update and its log.
CREATE TABLE tls_update (
    id         SMALLINT PRIMARY KEY CHECK (id = 1),
    status     TEXT        NOT NULL CHECK (status IN ('running', 'success', 'failed')),
    log        TEXT[]      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
INSERT INTO tls_update (id, status, log, updated_at) VALUES (1, 'success', '{}', now());
-- A row exists so that updates can lock it; "no update yet" is an empty log.
