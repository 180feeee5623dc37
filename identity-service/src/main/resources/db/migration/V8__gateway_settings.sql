-- Gluster REST server settings (config-get/set/reset) that every gateway applies; absent = default.
CREATE TABLE gateway_setting (
    name       TEXT PRIMARY KEY,
    value      TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
