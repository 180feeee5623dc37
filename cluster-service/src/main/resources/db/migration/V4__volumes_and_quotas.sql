-- One volume entity behind both the JuiceFS console API (numeric id) and the Gluster REST API (name).
CREATE TABLE volume (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    state      TEXT        NOT NULL CHECK (state IN ('Created', 'Started', 'Stopped')),
    replica    INT         NOT NULL DEFAULT 1 CHECK (replica >= 1),
    bricks     TEXT[]      NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL
);

-- Directory quotas (JuiceFS): a limit on inodes and/or bytes under a path; nested paths are allowed.
CREATE TABLE volume_quota (
    id         BIGSERIAL PRIMARY KEY,
    volume_id  BIGINT      NOT NULL REFERENCES volume (id) ON DELETE CASCADE,
    path       TEXT        NOT NULL,
    inodes     BIGINT CHECK (inodes IS NULL OR inodes >= 0),
    size       BIGINT CHECK (size IS NULL OR size >= 0),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (volume_id, path)
);
