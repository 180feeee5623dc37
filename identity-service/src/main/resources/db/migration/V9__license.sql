-- The installed license (Jidoteki /license): the signed file as uploaded, and what it grants.
CREATE TABLE license (
    id           SMALLINT PRIMARY KEY CHECK (id = 1),
    license_file TEXT        NOT NULL,
    app          TEXT        NOT NULL,
    users        INT         NOT NULL CHECK (users >= 1),
    expires      DATE        NOT NULL,
    name         TEXT        NOT NULL,
    contact      TEXT        NOT NULL,
    installed_at TIMESTAMPTZ NOT NULL
);
