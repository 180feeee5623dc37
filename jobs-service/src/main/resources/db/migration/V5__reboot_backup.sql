-- Jidoteki's /reboot backs the system up first: each reboot names the backup it waits for, and
-- whether its node restarts have been planned (only once that backup succeeded).
CREATE TABLE reboot_backup (
    reboot_job_id UUID    PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    backup_job_id UUID    NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    restarts_planned BOOLEAN NOT NULL DEFAULT FALSE
);
