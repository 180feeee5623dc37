-- What each node's agent last measured on its host, from its heartbeats (only a newer beat replaces it).
CREATE TABLE node_facts (
    node_id          TEXT PRIMARY KEY REFERENCES node (node_id) ON DELETE CASCADE,
    measured_at      TIMESTAMPTZ NOT NULL,
    agent_version    TEXT,
    data_bytes_total BIGINT CHECK (data_bytes_total IS NULL OR data_bytes_total >= 0),
    data_bytes_free  BIGINT CHECK (data_bytes_free IS NULL OR data_bytes_free >= 0),
    load1            DOUBLE PRECISION,
    cpus             INT
);
