-- Backups: each service's part arrives in chunks over Kafka and is assembled into one archive.
CREATE TABLE backup_chunk (
    job_id         UUID NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    service        TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    chunk_index    INT  NOT NULL,
    chunk_count    INT  NOT NULL,
    sha256         TEXT NOT NULL,
    data           TEXT NOT NULL,
    PRIMARY KEY (job_id, service, chunk_index)
);

CREATE TABLE backup_archive (
    job_id     UUID PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    content    BYTEA       NOT NULL,
    sha256     TEXT        NOT NULL,
    size       BIGINT      NOT NULL,
    deleted_at TIMESTAMPTZ
);

-- Restores: every service votes (prepared or not); the decision is recorded before it is sent.
CREATE TABLE restore_vote (
    job_id   UUID    NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    service  TEXT    NOT NULL,
    prepared BOOLEAN,
    reason   TEXT,
    finished BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (job_id, service)
);

CREATE TABLE restore_decision (
    job_id     UUID PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    commit     BOOLEAN     NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL
);
