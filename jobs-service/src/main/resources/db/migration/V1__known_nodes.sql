-- jobs-service's view of the cluster's nodes, projected from cluster events: the targets of
-- per-node tasks (update rollouts, rolling reboots).
CREATE TABLE known_node (
    node_id      TEXT PRIMARY KEY,
    address      TEXT        NOT NULL,
    connected_at TIMESTAMPTZ NOT NULL
);
