-- Every credential has exactly one role (docs/security.md). Existing rows migrate to the role they
-- acted with before roles existed: bearer tokens keep their kind (ADMIN or METRICS); access keys and
-- Gluster apps were full administrators, so they become ADMIN explicitly, where an operator can see
-- and narrow them (GetKeyInfo and /v1/apps show the role). New keys get NONE unless granted one.
ALTER TABLE bearer_token ADD COLUMN role TEXT;
UPDATE bearer_token SET role = kind;
ALTER TABLE bearer_token ALTER COLUMN role SET NOT NULL;
ALTER TABLE bearer_token ADD CONSTRAINT bearer_token_role CHECK (role IN ('NONE', 'METRICS', 'AUDITOR', 'OPERATOR', 'ADMIN'));
ALTER TABLE bearer_token DROP COLUMN kind;

ALTER TABLE access_key ADD COLUMN role TEXT NOT NULL DEFAULT 'ADMIN'
    CHECK (role IN ('NONE', 'METRICS', 'AUDITOR', 'OPERATOR', 'ADMIN'));
ALTER TABLE access_key ALTER COLUMN role SET DEFAULT 'NONE';
ALTER TABLE access_key ADD COLUMN expires_at TIMESTAMPTZ;

ALTER TABLE gluster_app ADD COLUMN role TEXT NOT NULL DEFAULT 'ADMIN'
    CHECK (role IN ('NONE', 'METRICS', 'AUDITOR', 'OPERATOR', 'ADMIN'));
ALTER TABLE gluster_app ALTER COLUMN role DROP DEFAULT;
ALTER TABLE gluster_app ADD COLUMN expires_at TIMESTAMPTZ;
