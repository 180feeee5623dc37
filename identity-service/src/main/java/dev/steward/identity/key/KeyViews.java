package dev.steward.identity.key;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

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
                          List<dev.steward.identity.permission.PermissionViews.KeyBucket> buckets, List<String> scopes, List<String> ipRanges) {
    }

    @Serdeable
    public record Permissions(boolean createBucket) {
    }

    /**
     * CreateKey ({@code name}) and UpdateKey ({@code name}, {@code allow}, {@code deny}): all optional.
     * {@code scopes} and {@code ipRanges} are Steward's extension (what the key may call, from where).
     */
    @Serdeable
    public record KeyChange(@Nullable String name, @Nullable Map<String, Boolean> allow, @Nullable Map<String, Boolean> deny,
                            @Nullable List<String> scopes, @Nullable List<String> ipRanges) {
    }

    @Serdeable
    public record KeyImport(@Nullable String accessKeyId, @Nullable String secretAccessKey, @Nullable String name,
                            @Nullable List<String> scopes, @Nullable List<String> ipRanges) {
    }
}
