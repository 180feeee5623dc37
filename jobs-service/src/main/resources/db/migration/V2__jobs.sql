-- Long-running jobs. A job is written (with its JobAccepted event) before its 202 is answered, so
-- an accepted job survives any crash; runners take it under a lease that a dead instance loses.
CREATE TABLE job (
    id            UUID PRIMARY KEY,
    kind          TEXT        NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('running', 'success', 'failed')),
    exclusive     BOOLEAN     NOT NULL,
    percentage    INT         NOT NULL DEFAULT 0 CHECK (percentage BETWEEN 0 AND 100),
    error_code    TEXT,
    error_message TEXT,
    requested_by  TEXT        NOT NULL,
    client_ip     TEXT,
    lease_owner   TEXT,
    lease_until   TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ
);
-- At most one exclusive job runs at a time, whichever replica accepted it: the database decides.
CREATE UNIQUE INDEX job_one_exclusive_running ON job ((TRUE)) WHERE status = 'running' AND exclusive;
CREATE INDEX job_by_kind ON job (kind, created_at DESC);
CREATE INDEX job_running ON job (lease_until) WHERE status = 'running';

CREATE TABLE job_log (
    seq    BIGSERIAL PRIMARY KEY,
    job_id UUID        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    at     TIMESTAMPTZ NOT NULL,
    line   TEXT        NOT NULL
);
CREATE INDEX job_log_of_job ON job_log (job_id, seq);

-- One task per node and job, done one node at a time in position order (rolling).
CREATE TABLE node_task (
    id          UUID PRIMARY KEY,
    job_id      UUID        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    node_id     TEXT        NOT NULL,
    position    INT         NOT NULL,
    action      TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('pending', 'sent', 'success', 'failed')),
    message     TEXT,
    sent_at     TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    UNIQUE (job_id, node_id),
    UNIQUE (job_id, position)
);

-- An accepted update package (still encrypted, as nodes download it) and its manifest.
CREATE TABLE update_package (
    job_id    UUID PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    version   TEXT  NOT NULL,
    builddate TEXT  NOT NULL,
    changelog TEXT,
    sha256    TEXT  NOT NULL,
    content   BYTEA NOT NULL
);

-- The system's release after the last successful update (Jidoteki /version, /changelog, /build).
CREATE TABLE system_release (
    id         SMALLINT PRIMARY KEY CHECK (id = 1),
    version    TEXT        NOT NULL,
    builddate  TEXT        NOT NULL,
    changelog  TEXT,
    job_id     UUID,
    updated_at TIMESTAMPTZ NOT NULL
);
