package dev.steward.cli.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** One answer: its status, its body parsed when it is JSON (else null), and its {@code Location} if any. */
public record ApiResponse(int status, JsonNode json, String text, Optional<String> location) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
