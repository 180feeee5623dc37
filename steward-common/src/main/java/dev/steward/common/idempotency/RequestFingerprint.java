package dev.steward.common.idempotency;

import dev.steward.common.crypto.Crypto;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What makes two requests "the same request" for a key: method, path and query, and the
 * controller's bound arguments as JSON (so a body sent again with other whitespace or field order
 * is still the same request). Framework arguments (the caller, the request) are left out: the key
 * is the caller's already.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(String method, String pathAndQuery, Map<String, Object> arguments, JsonMapper json) {
        StringBuilder text = new StringBuilder(method).append(' ').append(pathAndQuery).append('\n');
        arguments.forEach((name, value) -> text.append(name).append('=').append(canonical(value, json)).append('\n'));
        return Crypto.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String canonical(Object value, JsonMapper json) {
        if (value == null) {
            return "null";
        }
        try {
            // A body is bound to a record first, which serializes in declared order: field order and whitespace do not count.
            return json.writeValueAsString(value);
        } catch (IOException | RuntimeException e) {
            return value.getClass().getName() + ":" + value;
        }
    }
}
