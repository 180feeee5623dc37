-- Buckets as cluster-service announces them (projection of its events): id and aliases only.
CREATE TABLE known_bucket (
    id             TEXT PRIMARY KEY,
    global_aliases TEXT[] NOT NULL DEFAULT '{}'
);

CREATE TABLE known_bucket_local_alias (
    bucket_id     TEXT NOT NULL REFERENCES known_bucket (id) ON DELETE CASCADE,
    access_key_id TEXT NOT NULL,
    alias         TEXT NOT NULL,
    PRIMARY KEY (bucket_id, access_key_id, alias)
);
CREATE INDEX known_bucket_local_alias_key ON known_bucket_local_alias (access_key_id);

-- Bucket-key permissions, owned here (Garage BucketAllowKey / BucketDenyKey).
CREATE TABLE bucket_key_permission (
    bucket_id     TEXT    NOT NULL,
    access_key_id TEXT    NOT NULL REFERENCES access_key (id) ON DELETE CASCADE,
    read          BOOLEAN NOT NULL DEFAULT FALSE,
    write         BOOLEAN NOT NULL DEFAULT FALSE,
    owner         BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (bucket_id, access_key_id)
);
CREATE INDEX bucket_key_permission_key ON bucket_key_permission (access_key_id);
