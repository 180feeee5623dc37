package dev.steward.identity.key;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the Garage v0 key endpoints, field names as in the reference. */
public final class KeyViews {

    private KeyViews() {
    }

    @Serdeable
    public record KeyListItem(String id, String name) {
    }

    /** GetKeyInfo; {@code secretAccessKey} is only filled in the answer to CreateKey and ImportKey. */
    @Serdeable
    public record KeyInfo(String name, String accessKeyId, @Nullable String secretAccessKey, Permissions permissions,
                          List<dev.steward.identity.permission.PermissionViews.KeyBucket> buckets, String role, List<String> scopes,
                          List<String> ipRanges, @Nullable Instant expiresAt) {
    }

    @Serdeable
    public record Permissions(boolean createBucket) {
    }

    /**
     * CreateKey ({@code name}) and UpdateKey ({@code name}, {@code allow}, {@code deny}): all optional.
     * {@code role}, {@code scopes}, {@code ipRanges} and {@code expiresAt} are Steward's extension (the
     * key's admin-API role, what it may call, from where, until when).
     */
    @Serdeable
    public record KeyChange(@Nullable String name, @Nullable Map<String, Boolean> allow, @Nullable Map<String, Boolean> deny,
                            @Nullable String role, @Nullable List<String> scopes, @Nullable List<String> ipRanges,
                            @Nullable Instant expiresAt) {
    }

    @Serdeable
    public record KeyImport(@Nullable String accessKeyId, @Nullable String secretAccessKey, @Nullable String name,
                            @Nullable String role, @Nullable List<String> scopes, @Nullable List<String> ipRanges,
                            @Nullable Instant expiresAt) {
    }
}
