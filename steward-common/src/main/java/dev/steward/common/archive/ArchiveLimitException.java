package dev.steward.common.archive;

/** An archive is not one Steward reads: malformed, or over one of its {@link ArchiveLimits}. */
public class ArchiveLimitException extends Exception {

    public ArchiveLimitException(String message) {
        super(message);
    }
}
