package dev.steward.common.backup;

/**
 * Told when this service's part of a restore has been committed (before the service reports the
 * restore finished, in the same transaction as that report), for state a restore must not leave
 * stale elsewhere: identity-service advances the credential epoch, so every gateway drops the
 * credentials it cached from before the restore.
 */
public interface RestoreListener {

    void restored(String restoreId);
}
