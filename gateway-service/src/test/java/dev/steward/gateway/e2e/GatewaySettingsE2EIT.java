package dev.steward.gateway.e2e;

import dev.steward.testing.Eventually;
import dev.steward.testing.TestCertificates;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateways serving HTTPS: a certificate uploaded through one reaches both without a restart,
 * and Gluster's https and auth settings change what both accept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first test starts from the self-signed certificates
class GatewaySettingsE2EIT extends AbstractStackE2E {

    private static final List<String> GATEWAYS = List.of("gateway", "gateway-2");

    @Override
    protected StewardStack startStack() throws Exception {
        return StewardStack.start(2, Map.of());
    }

    /** What a client sees over TLS: status, body and the server's certificate. Trusts anything: the test checks what is served. */
    private record TlsAnswer(int status, String body, X509Certificate served) {
    }

    private TlsAnswer overTls(String gateway, String method, String path, String bearer, String body) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        HttpsURLConnection connection = (HttpsURLConnection) URI.create(stack.tlsUrl(gateway) + path).toURL().openConnection();
        connection.setSSLSocketFactory(trustAll.getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(20000);
        connection.setRequestMethod(method);
        if (bearer != null) {
            connection.setRequestProperty("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = connection.getResponseCode();
        X509Certificate served = (X509Certificate) connection.getServerCertificates()[0];
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            return new TlsAnswer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8), served);
        }
    }

    private HttpResponse<String> overHttp(String gateway, String method, String path, String bearer, String body) throws Exception {
        return exchange(method, stack.url(gateway) + path, bearer, body, "application/json");
    }

    private String subjectServedBy(String gateway) {
        try {
            return overTls(gateway, "GET", "/v0/status", stack.adminToken(), null).served().getSubjectX500Principal().getName();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> uploadCertificates(String certificate, String key, String ca) throws Exception {
        String boundary = "steward-e2e-certs";
        StringBuilder body = new StringBuilder();
        for (String[] part : new String[][] {{"public", certificate}, {"private", key}, {"ca", ca}}) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(part[0])
                    .append("\"; filename=\"").append(part[0]).append(".pem\"\r\nContent-Type: application/x-pem-file\r\n\r\n")
                    .append(part[1]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return http.send(HttpRequest.newBuilder(URI.create(stack.url("gateway") + "/api/v1/admin/certs")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + stack.adminToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void anUploadedCertificateIsServedByEveryGatewayWithoutARestart() throws Exception {
        for (String gateway : GATEWAYS) {
            assertEquals("CN=steward-gateway", subjectServedBy(gateway), gateway + " starts with its self-signed certificate");
            assertEquals(200, overTls(gateway, "GET", "/v0/status", stack.adminToken(), null).status(), "the API answers over HTTPS");
        }
        TestCertificates.Issued ca = TestCertificates.authority("E2E CA");
        TestCertificates.Issued host = TestCertificates.issue("storage.e2e.example", ca);
        HttpResponse<String> accepted = uploadCertificates(host.certificatePem(), host.privateKeyPem(), ca.certificatePem());
        assertEquals(202, accepted.statusCode(), accepted.body());

        for (String gateway : GATEWAYS) {
            Eventually.await(Duration.ofSeconds(20), () -> subjectServedBy(gateway), "CN=storage.e2e.example"::equals,
                    gateway + " to serve the uploaded certificate");
        }
        HttpResponse<String> status = overHttp("gateway-2", "GET", "/api/v1/admin/certs", stack.adminToken(), null);
        assertTrue(status.body().contains("\"status\":\"success\""), status.body());

        // A bad upload is refused and changes nothing that is served.
        HttpResponse<String> refused = uploadCertificates(host.certificatePem(), ca.privateKeyPem(), "");
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("CN=storage.e2e.example", subjectServedBy("gateway"));
    }

    @Test
    @Order(3)
    void aGatewayStartedWhileIdentityIsDownLoadsTheCertificateOnceIdentityAnswers() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("Late CA");
        TestCertificates.Issued host = TestCertificates.issue("late.e2e.example", ca);
        assertEquals(202, uploadCertificates(host.certificatePem(), host.privateKeyPem(), ca.certificatePem()).statusCode());
        Eventually.await(Duration.ofSeconds(20), () -> subjectServedBy("gateway-2"), "CN=late.e2e.example"::equals,
                "gateway-2 to serve the uploaded certificate");

        stack.stopInstance("gateway-2");
        stack.stopInstance("identity");
        try {
            stack.startInstance("gateway-2");
            assertEquals("CN=steward-gateway", subjectServedBy("gateway-2"), "without identity it can only serve its own");
            Thread.sleep(2000); // its start-up load fails and retries meanwhile
        } finally {
            stack.startInstance("identity");
        }
        Eventually.await(Duration.ofSeconds(40), () -> subjectServedBy("gateway-2"), "CN=late.e2e.example"::equals,
                "gateway-2 to load the uploaded certificate once identity-service answers (its retries must send new requests)");
    }

    @Test
    @Order(2)
    void glusterSettingsChangeWhatEveryGatewayAccepts() throws Exception {
        String admin = stack.adminToken();
        try {
            HttpResponse<String> https = overHttp("gateway", "PUT", "/v1/config/https", admin, "{\"value\":\"enabled\"}");
            assertEquals(200, https.statusCode(), https.body());
            for (String gateway : GATEWAYS) {
                HttpResponse<String> plain = Eventually.await(Duration.ofSeconds(20), () -> {
                    try {
                        return overHttp(gateway, "GET", "/v1/peers", admin, null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, response -> response.statusCode() == 403, gateway + " to refuse the Gluster API over plain HTTP");
                assertTrue(plain.body().contains("HTTPS_REQUIRED"), plain.body());
                assertEquals(200, overTls(gateway, "GET", "/v1/peers", admin, null).status(), "HTTPS still answers");
                assertEquals(200, overHttp(gateway, "GET", "/v0/status", admin, null).statusCode(), "other APIs keep plain HTTP");
            }

            assertEquals(401, overTls("gateway-2", "GET", "/v1/volumes", null, null).status(), "auth is on");
            assertEquals(200, overTls("gateway", "PUT", "/v1/config/auth", admin, "{\"value\":\"disabled\"}").status());
            for (String gateway : GATEWAYS) {
                TlsAnswer open = Eventually.await(Duration.ofSeconds(20), () -> {
                    try {
                        return overTls(gateway, "GET", "/v1/volumes", null, null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, answer -> answer.status() == 200, gateway + " to open Gluster's volumes with auth disabled");
                assertTrue(open.body().startsWith("["), open.body());
                assertEquals(401, overTls(gateway, "GET", "/v1/apps", null, null).status(), "apps always need a signature");
                assertEquals(401, overTls(gateway, "GET", "/v1/config", null, null).status(), "so does config");
                assertEquals(403, overHttp(gateway, "GET", "/v0/status", null, null).statusCode(), "other APIs keep their auth");
            }
        } finally {
            overTls("gateway", "DELETE", "/v1/config/all", admin, null);
        }
        for (String gateway : GATEWAYS) {
            Eventually.await(Duration.ofSeconds(20), () -> {
                try {
                    return overHttp(gateway, "GET", "/v1/peers", null, null).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, code -> code == 401, gateway + " to be back to defaults: plain HTTP, auth on");
        }
    }
}
