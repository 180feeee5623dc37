-- The key backup archives are sealed with when the deployment gives none (STEWARD_BACKUP_KEY): made
-- once, kept out of backups (steward.backup.excluded-tables), so a restore neither carries nor replaces it.
CREATE TABLE backup_key (
    id     INT PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);
