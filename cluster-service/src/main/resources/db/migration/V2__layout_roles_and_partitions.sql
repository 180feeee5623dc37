-- Applied roles of the current layout. capacity NULL = gateway node (routes requests, stores nothing).
CREATE TABLE layout_role (
    node_id  TEXT PRIMARY KEY,
    zone     TEXT   NOT NULL,
    capacity BIGINT CHECK (capacity IS NULL OR capacity > 0),
    tags     TEXT[] NOT NULL DEFAULT '{}'
);

-- Staged role changes, applied or cleared as a whole. removal = the node leaves the layout.
CREATE TABLE layout_staged_change (
    node_id  TEXT PRIMARY KEY,
    removal  BOOLEAN NOT NULL,
    zone     TEXT,
    capacity BIGINT CHECK (capacity IS NULL OR capacity > 0),
    tags     TEXT[],
    CHECK (removal OR zone IS NOT NULL)
);

-- Which nodes hold each of the 256 partitions in the current layout (replica order as assigned).
CREATE TABLE partition_assignment (
    partition INT PRIMARY KEY CHECK (partition >= 0 AND partition < 256),
    node_ids  TEXT[] NOT NULL
);

ALTER TABLE cluster_layout ADD COLUMN replication_factor INT;
ALTER TABLE cluster_layout ADD COLUMN applied_at TIMESTAMPTZ;
