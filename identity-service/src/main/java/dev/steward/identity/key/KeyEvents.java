package dev.steward.identity.key;

import dev.steward.common.event.EventTypes;
import io.micronaut.serde.annotation.Serdeable;

/** Facts about access keys on {@code steward.identity.events.v1}; never carry secrets. */
public final class KeyEvents {

    private KeyEvents() {
    }

    public static final String KEY_CREATED = EventTypes.type("identity", "KeyCreated");
    public static final String KEY_IMPORTED = EventTypes.type("identity", "KeyImported");
    public static final String KEY_UPDATED = EventTypes.type("identity", "KeyUpdated");
    public static final String KEY_DELETED = EventTypes.type("identity", "KeyDeleted");

    @Serdeable
    public record KeyChanged(String accessKeyId, String name, boolean createBucket) {
    }
}
