-- Volumes as cluster-service announces them (projection of its Volume* events): exports need one.
CREATE TABLE known_volume (
    id   BIGINT PRIMARY KEY,
    name TEXT NOT NULL
);

-- JuiceFS client ACLs ("exports"): which clients may mount a volume, and how.
CREATE TABLE volume_export (
    id          BIGSERIAL PRIMARY KEY,
    volume_id   BIGINT      NOT NULL REFERENCES known_volume (id) ON DELETE CASCADE,
    description TEXT        NOT NULL DEFAULT '',
    ip_range    TEXT        NOT NULL,
    -- the range with host bits cleared: 192.168.0.1/24 and 192.168.0.0/24 are the same clients
    network     TEXT        NOT NULL,
    api_only    BOOLEAN     NOT NULL DEFAULT FALSE,
    read_only   BOOLEAN     NOT NULL DEFAULT FALSE,
    append_only BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ,
    CHECK (NOT (read_only AND append_only)),
    UNIQUE (volume_id, network)
);
