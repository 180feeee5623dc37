package dev.steward.common.event;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads CloudEvents from record values and their {@code data} into typed records. */
@Singleton
public class EventReader {

    private final JsonMapper jsonMapper;

    public EventReader(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** @throws MalformedEventException when the bytes are not a CloudEvent this version understands */
    public CloudEvent read(byte[] value) {
        try {
            CloudEvent event = jsonMapper.readValue(value, CloudEvent.class);
            if (event == null || event.id() == null || event.type() == null || event.source() == null
                    || !CloudEvent.SPEC_VERSION.equals(event.specversion())) {
                throw new MalformedEventException("not a CloudEvents 1.0 event (id, source, type and specversion 1.0 are required)");
            }
            return event;
        } catch (IOException e) {
            throw new MalformedEventException("unreadable event: " + e.getMessage());
        }
    }

    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return jsonMapper.readValueFromTree(event.data(), type);
        } catch (IOException e) {
            throw new MalformedEventException("unreadable data of " + event.type() + ": " + e.getMessage());
        }
    }

    public JsonNode tree(Object data) {
        try {
            return jsonMapper.writeValueToTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
