package dev.steward.cli.http;

import com.fasterxml.jackson.databind.JsonNode;

/** A refused or failed request, described from its problem+json body when it has one. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiException of(ApiResponse response) {
        JsonNode body = response.json();
        if (body != null && body.isObject()) {
            String title = text(body, "title");
            String code = text(body, "code");
            String detail = text(body, "detail");
            StringBuilder message = new StringBuilder().append(response.status());
            if (code != null) {
                message.append(' ').append(code);
            } else if (title != null) {
                message.append(' ').append(title);
            }
            if (detail != null) {
                message.append(": ").append(detail);
            } else if (text(body, "message") != null) {
                message.append(": ").append(text(body, "message"));
            }
            return new ApiException(response.status(), message.toString());
        }
        String text = response.text() == null ? "" : response.text().strip();
        return new ApiException(response.status(), response.status() + (text.isEmpty() ? "" : ": " + text));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
