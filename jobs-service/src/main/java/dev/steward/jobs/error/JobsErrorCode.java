package dev.steward.jobs.error;

import dev.steward.common.error.ErrorCode;
import io.micronaut.http.HttpStatus;

/** Every problem jobs-service reports, in one place; Jidoteki's update error codes where it has them. */
public enum JobsErrorCode implements ErrorCode {
    UPDATE_VERSION_INVALID(HttpStatus.BAD_REQUEST, "There was a version error in the update package", "E1001"),
    UPDATE_PACKAGE_MISSING(HttpStatus.BAD_REQUEST, "The update package was missing", "E1003"),
    JOB_ALREADY_RUNNING(HttpStatus.BAD_REQUEST, "An exclusive job (update, reboot, backup, restore) is already running", "E1004"),
    UPDATE_PACKAGE_UNREADABLE(HttpStatus.BAD_REQUEST, "The update package couldn't be decrypted or extracted", "E1005"),
    JOB_NOT_FOUND(HttpStatus.NOT_FOUND, "No such job", null),
    JOB_LOG_NOT_FOUND(HttpStatus.NOT_FOUND, "No log exists yet", null),
    RELEASE_FILE_NOT_FOUND(HttpStatus.NOT_FOUND, "No update has installed this file yet", null),
    UPDATE_PACKAGE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such update package", null),
    JOB_QUERY_INVALID(HttpStatus.BAD_REQUEST, "Invalid job query", null),
    BACKUP_ACTION_INVALID(HttpStatus.BAD_REQUEST, "action must be START or STOP", null),
    /** GET /backup and STOP without a backup: Jidoteki's 404 "status file doesn't exist". */
    BACKUP_NOT_FOUND(HttpStatus.NOT_FOUND, "No backup", null),
    BACKUP_NOTHING_TO_STOP(HttpStatus.BAD_REQUEST, "There is no running backup to stop and no archive to delete", null),
    BACKUP_ARCHIVE_INVALID(HttpStatus.BAD_REQUEST, "The backup archive is missing or invalid", null),
    DEBUG_KEY_MISSING(HttpStatus.BAD_REQUEST, "No debug bundle key is configured (steward.jobs.debug-public-key)", null),
    RESTORE_REFUSED(HttpStatus.BAD_REQUEST, "A service refused the restore; nothing was restored", null),
    RESTORE_STILL_RUNNING(HttpStatus.SERVICE_UNAVAILABLE, "The restore has not finished in time; it goes on", null);

    private final HttpStatus status;
    private final String title;
    private final String referenceCode;

    JobsErrorCode(HttpStatus status, String title, String referenceCode) {
        this.status = status;
        this.title = title;
        this.referenceCode = referenceCode;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String referenceCode() {
        return referenceCode;
    }
}
