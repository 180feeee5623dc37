package dev.steward.cluster.settings;

import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.ServiceTestProperties;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.steward.cluster.ClusterTestSupport.asAdmin;
import static dev.steward.cluster.ClusterTestSupport.getAsAdmin;
import static dev.steward.cluster.ClusterTestSupport.problemCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsIntegrationTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("cluster");
    }

    private HttpResponse<Map> upload(String path, String document) {
        MultipartBody body = MultipartBody.builder()
                .addPart("settings", "settings.json", MediaType.APPLICATION_JSON_TYPE, document.getBytes(StandardCharsets.UTF_8)).build();
        return http.toBlocking().exchange(asAdmin(HttpRequest.POST(path, body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE), tokens), Map.class);
    }

    private Map<?, ?> get(String path) throws Exception {
        return json.readValue(http.toBlocking().retrieve(getAsAdmin(path, tokens), String.class), Map.class);
    }

    @Test
    void networkSettingsFollowTheReferenceRules() throws Exception {
        String staticSettings = """
                {"network": {"interface": "eth0", "hostname": "test.host", "ip_address": "192.168.1.100", "netmask": "255.255.255.0",
                 "gateway": "192.168.1.1", "dns1": "192.168.1.2", "dns2": "192.168.1.3", "ntpserver": "pool.ntp.org"},
                 "app": {"name": "testapp"}}""";
        HttpResponse<Map> accepted = upload("/api/v1/admin/settings", staticSettings);
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        assertEquals("/api/v1/admin/settings", accepted.getHeaders().get("Location"));
        assertEquals(Map.of("Status", "202 Accepted", "Location", "/api/v1/admin/settings"), accepted.body());
        assertEquals(json.readValue(staticSettings, Map.class), get("/api/v1/admin/settings"));

        List<String> invalid = List.of(
                "{\"network\": {\"interface\": \"et\", \"hostname\": \"test.host\"}}",                 // interface too short
                "{\"network\": {\"interface\": \"eth0\", \"hostname\": \"bad host\"}}",                // space in hostname
                "{\"network\": {\"interface\": \"eth0\", \"hostname\": \"h.example\", \"ip_address\": \"10.0.0.x\"}}",
                "{\"network\": {\"interface\": \"eth0\"}}",                                            // hostname required
                "{\"network\": {\"interface\": \"eth0\", \"hostname\": \"h.example\", \"mtu\": \"9000\"}}",
                "{\"network\": {\"interface\": \"eth0\", \"hostname\": \"h.example\", \"dns1\": 8888}}",
                "not json at all");
        for (String document : invalid) {
            HttpClientResponseException error = assertThrows(HttpClientResponseException.class, () -> upload("/api/v1/admin/settings", document));
            assertEquals(HttpStatus.BAD_REQUEST, error.getStatus(), document);
            assertEquals("SETTINGS_INVALID", problemCode(error), document);
        }
        assertEquals(json.readValue(staticSettings, Map.class), get("/api/v1/admin/settings"), "refused uploads changed nothing");

        String dhcp = "{\"network\": {\"interface\": \"eth0\", \"hostname\": \"test.host\"}, \"app\": {\"name\": \"testapp\"}}";
        upload("/api/v1/admin/settings", dhcp);
        assertEquals(json.readValue(dhcp, Map.class), get("/api/v1/admin/settings"));
    }

    @Test
    void storageSettingsAreCheckedPerType() throws Exception {
        HttpClientResponseException none = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(getAsAdmin("/api/v1/admin/storage", tokens)));
        assertEquals(HttpStatus.NOT_FOUND, none.getStatus(), "404 before any storage settings, as since v1.23.0");

        upload("/api/v1/admin/storage", "{\"storage\": {\"type\": \"nfs\", \"mount_options\": \"noacl,sync\", \"ip\": \"192.168.1.100\", \"share\": \"/nfs/storage\"}}");
        Map<?, ?> stored = get("/api/v1/admin/storage");
        assertEquals(Map.of("type", "nfs", "mount_options", "noacl,sync", "ip", "192.168.1.100", "share", "/nfs/storage"), stored.get("storage"));
        assertEquals(List.of("local", "aoe", "nfs", "nbd", "iscsi"), stored.get("options"));

        List<String> invalid = List.of(
                "{\"storage\": {\"type\": \"nfs\", \"ip\": \"192.168.1.100\", \"share\": \"/nfs/storage\"}}",      // mount_options missing
                "{\"storage\": {\"type\": \"tape\"}}",
                "{\"storage\": {\"type\": \"iscsi\", \"target\": \"iqn.2016-01.com.example:storage.lun1\", \"ip\": \"192.168.1.100\", \"username\": \"user\", \"password\": \"has space\"}}",
                "{\"storage\": {\"type\": \"nbd\", \"export_name\": \"otherexport\", \"ip\": \"192.168.1.100\", \"port\": \"104300\"}}",
                "{\"storage\": {\"type\": \"local\", \"device\": \"e0.1\"}}");
        for (String document : invalid) {
            HttpClientResponseException error = assertThrows(HttpClientResponseException.class, () -> upload("/api/v1/admin/storage", document));
            assertEquals(HttpStatus.BAD_REQUEST, error.getStatus(), document);
        }
        assertEquals(stored, get("/api/v1/admin/storage"));
    }
}
