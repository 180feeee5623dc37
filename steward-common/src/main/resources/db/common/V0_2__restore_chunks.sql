-- Parts of a restore sent by jobs-service, kept until the whole part has arrived (backup participant).
CREATE TABLE restore_chunk (
    restore_id  TEXT    NOT NULL,
    chunk_index INT     NOT NULL,
    chunk_count INT     NOT NULL,
    sha256      TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    PRIMARY KEY (restore_id, chunk_index)
);
