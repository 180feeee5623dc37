-- What each node's agent last measured per bucket and volume directory (UsageListener). A row is
-- replaced only by a newer scan; when a scan's last part arrives, the node's older rows are what it
-- no longer holds and are removed. A node's rows go with the node.
CREATE TABLE node_usage (
    node_id     TEXT        NOT NULL REFERENCES node (node_id) ON DELETE CASCADE,
    kind        TEXT        NOT NULL CHECK (kind IN ('bucket', 'volume')),
    name        TEXT        NOT NULL,
    path        TEXT        NOT NULL,
    files       BIGINT      NOT NULL CHECK (files >= 0),
    dirs        BIGINT      NOT NULL CHECK (dirs >= 0),
    bytes       BIGINT      NOT NULL CHECK (bytes >= 0),
    measured_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (node_id, kind, name, path)
);
CREATE INDEX node_usage_target ON node_usage (kind, name, path);

-- The release each node runs (the agent's current/), from its heartbeats.
ALTER TABLE node_facts ADD COLUMN release TEXT;
