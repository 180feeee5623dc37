package dev.steward.cluster;

import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

public final class ClusterTestSupport {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterTestSupport() {
    }

    public static String randomNodeId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    public static <T> MutableHttpRequest<T> asAdmin(MutableHttpRequest<T> request, InternalTokenIssuer tokens) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"),
                "garage-bearer", "198.51.100.7"));
    }

    /** The problem code of a refused request. */
    public static String problemCode(io.micronaut.http.client.exceptions.HttpClientResponseException error) {
        return String.valueOf(error.getResponse().getBody(java.util.Map.class).orElseThrow().get("code"));
    }

    public static MutableHttpRequest<?> getAsAdmin(String uri, InternalTokenIssuer tokens) {
        return asAdmin(HttpRequest.GET(uri), tokens);
    }
}
