-- Read-your-writes for credentials (docs/decisions.md). Every credential change advances one
-- counter, in the change's transaction; its row lock orders changes, so epochs follow commit order.
CREATE TABLE credential_epoch (
    id         INT         PRIMARY KEY CHECK (id = 1),
    epoch      BIGINT      NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO credential_epoch (id, epoch, changed_at) VALUES (1, 0, now());

-- Each gateway's lease on its credential cache: the last epoch it confirmed having dropped its cache
-- for, and until when it may use that cache. A change is answered once every leased gateway confirmed it.
CREATE TABLE gateway_lease (
    gateway_id  TEXT        PRIMARY KEY,
    acked_epoch BIGINT      NOT NULL,
    lease_until TIMESTAMPTZ NOT NULL,
    seen_at     TIMESTAMPTZ NOT NULL
);
