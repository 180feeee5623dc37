-- The control plane's own identity, answered as "node" by GetClusterStatus; one row, shared by all replicas.
CREATE TABLE control_plane (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    node_id   TEXT NOT NULL
);
INSERT INTO control_plane (node_id) VALUES (md5(random()::text) || md5(random()::text));

-- Storage nodes the cluster knows, registered by ConnectClusterNodes; liveness comes from heartbeats.
CREATE TABLE node (
    node_id      TEXT PRIMARY KEY,
    address      TEXT        NOT NULL,
    hostname     TEXT,
    connected_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ
);

-- Current layout version (roles and staged changes arrive with the layout work).
CREATE TABLE cluster_layout (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    version   BIGINT NOT NULL
);
INSERT INTO cluster_layout (version) VALUES (0);
