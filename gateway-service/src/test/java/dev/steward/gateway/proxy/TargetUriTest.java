package dev.steward.gateway.proxy;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetUriTest {

    private static final URI CLUSTER = URI.create("http://127.0.0.1:8082");

    @Test
    void queryCredentialsAreNeverForwardedFromJidotekiRoutes() {
        assertEquals("http://127.0.0.1:8082/api/v1/admin/version",
                GatewayFilter.targetUri(CLUSTER, HttpRequest.GET("/api/v1/admin/version?token=yourtoken"), true).toString());
        assertEquals("http://127.0.0.1:8082/api/v1/admin/update?a=1%202&b",
                GatewayFilter.targetUri(CLUSTER, HttpRequest.GET("/api/v1/admin/update?hash=abc&a=1%202&token&b"), true).toString());
    }

    @Test
    void elsewhereTheyAreNotCredentialsAndAreLeftAlone() {
        // Routes without query credentials refuse ?token= and ?hash= before forwarding; nothing is rewritten.
        assertEquals("http://127.0.0.1:8082/v0/status?token=1",
                GatewayFilter.targetUri(CLUSTER, HttpRequest.GET("/v0/status?token=1"), false).toString());
    }

    @Test
    void pathAndOtherParametersPassUnchanged() {
        assertEquals("http://127.0.0.1:8082/v0/bucket?id=a%2Fb&tokens=1",
                GatewayFilter.targetUri(CLUSTER, HttpRequest.GET("/v0/bucket?id=a%2Fb&tokens=1"), true).toString());
        assertEquals("http://127.0.0.1:8082/api/v1/volumes/1%2F2", GatewayFilter.targetUri(CLUSTER, HttpRequest.GET("/api/v1/volumes/1%2F2"), false).toString());
    }
}
