-- Cluster-wide Jidoteki settings documents: 'network' (network/app settings) and 'storage'.
CREATE TABLE cluster_setting (
    name       TEXT PRIMARY KEY CHECK (name IN ('network', 'storage')),
    document   TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
