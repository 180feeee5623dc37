-- Signed mutating requests (JuiceFS, Gluster) already presented, shared by every gateway instance so that
-- a replay sent to another instance is refused too. Rows live for the signature's validity window.
CREATE TABLE used_signature (
    fingerprint TEXT PRIMARY KEY,           -- sha256hex(credential ":" signature), computed by the gateway
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX used_signature_expiry ON used_signature (expires_at);
