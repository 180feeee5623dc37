-- Buckets (Garage admin API). Usage counters are reported by storage agents; deletion needs 0 objects.
CREATE TABLE bucket (
    id                     TEXT PRIMARY KEY,
    website_enabled        BOOLEAN     NOT NULL DEFAULT FALSE,
    website_index_document TEXT,
    website_error_document TEXT,
    quota_max_size         BIGINT CHECK (quota_max_size IS NULL OR quota_max_size >= 0),
    quota_max_objects      BIGINT CHECK (quota_max_objects IS NULL OR quota_max_objects >= 0),
    objects                BIGINT      NOT NULL DEFAULT 0,
    bytes                  BIGINT      NOT NULL DEFAULT 0,
    unfinished_uploads     BIGINT      NOT NULL DEFAULT 0,
    created_at             TIMESTAMPTZ NOT NULL
);

CREATE TABLE bucket_global_alias (
    alias     TEXT PRIMARY KEY,
    bucket_id TEXT NOT NULL REFERENCES bucket (id) ON DELETE CASCADE
);
CREATE INDEX bucket_global_alias_bucket ON bucket_global_alias (bucket_id);

-- A local alias names a bucket in one access key's namespace.
CREATE TABLE bucket_local_alias (
    access_key_id TEXT NOT NULL,
    alias         TEXT NOT NULL,
    bucket_id     TEXT NOT NULL REFERENCES bucket (id) ON DELETE CASCADE,
    PRIMARY KEY (access_key_id, alias)
);
CREATE INDEX bucket_local_alias_bucket ON bucket_local_alias (bucket_id);

-- Projections of identity-service's facts (keys and bucket-key permissions), kept from its events.
CREATE TABLE known_key (
    access_key_id TEXT PRIMARY KEY,
    name          TEXT NOT NULL
);

CREATE TABLE bucket_key_permission (
    bucket_id     TEXT    NOT NULL,
    access_key_id TEXT    NOT NULL,
    read          BOOLEAN NOT NULL,
    write         BOOLEAN NOT NULL,
    owner         BOOLEAN NOT NULL,
    PRIMARY KEY (bucket_id, access_key_id)
);
