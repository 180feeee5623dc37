package dev.steward.common.http;

import io.micronaut.http.HttpResponse;

import java.util.Map;

/** Jidoteki's answer to an accepted asynchronous change: 202, a Location header and the same in the body. */
public final class JidotekiAccepted {

    private JidotekiAccepted() {
    }

    public static HttpResponse<Map<String, String>> at(String location) {
        return HttpResponse.<Map<String, String>>accepted().header("Location", location)
                .body(Map.of("Status", "202 Accepted", "Location", location));
    }
}
