package dev.steward.gateway.e2e;

import dev.steward.testing.Eventually;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the Jidoteki reference says what Steward must do, through a gateway configured as the
 * reference's jidoteki-admin-api.json would be, with only settings and certs of the optional
 * endpoints enabled.
 */
class JidotekiReferenceE2EIT extends AbstractStackE2E {

    private static final String ADMIN = "/api/v1/admin/";

    @Override
    protected StewardStack startStack() throws Exception {
        return StewardStack.start(1, Map.of("STEWARD_JIDOTEKI_ENDPOINTS", "settings,certs"));
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return exchange(method, stack.url("gateway") + path, stack.adminToken(), method.equals("POST") ? "" : null, "multipart/form-data; boundary=x");
    }

    @Test
    void disabledOptionalEndpointsAnswer404AndAreNotListed() throws Exception {
        for (String path : List.of("license", "storage", "backup", "backup/download", "backup/log", "backup/restore")) {
            for (String method : List.of("GET", "POST")) {
                HttpResponse<String> answer = call(method, ADMIN + path);
                assertEquals(404, answer.statusCode(), method + " " + path + ": " + answer.body());
                assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), method + " " + path);
                assertEquals("NO_ROUTE", object(answer).get("code"), method + " " + path);
            }
        }
        for (String enabled : List.of("settings", "certs")) {
            HttpResponse<String> answer = call("GET", ADMIN + enabled);
            assertNotEquals("NO_ROUTE", answer.statusCode() == 404 ? object(answer).get("code") : null, enabled + " is still served");
        }
        HttpResponse<String> endpoints = call("GET", ADMIN + "endpoints");
        assertEquals(200, endpoints.statusCode(), endpoints.body());
        List<?> listed = (List<?>) object(endpoints).get("endpoints");
        assertTrue(listed.containsAll(List.of(ADMIN + "settings", ADMIN + "certs", ADMIN + "reboot", ADMIN + "update")), listed.toString());
        for (String off : List.of("license", "storage", "backup")) {
            assertFalse(listed.contains(ADMIN + off), off + " is not listed: " + listed);
        }
    }

    /** "This API endpoint will reboot the system immediately after performing a system backup" — the backup endpoint being off or not. */
    @Test
    void aRebootBacksTheSystemUpFirstAndSaysSoInItsLog() throws Exception {
        HttpResponse<String> accepted = call("GET", ADMIN + "reboot");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        Map<?, ?> job = Eventually.await(Duration.ofSeconds(60), () -> {
            try {
                return object(call("GET", location));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, found -> !"running".equals(found.get("status")), "the reboot at " + location + " to end");
        assertEquals("success", job.get("status"), String.valueOf(job));
        String log = String.join("\n", ((List<?>) job.get("log")).stream().map(String::valueOf).toList());
        int backingUp = log.indexOf("Backing up the system before the reboot");
        int backedUp = log.indexOf("Backup complete");
        int restarted = log.indexOf("Rolling restart complete");
        assertTrue(backingUp >= 0 && backingUp < backedUp && backedUp < restarted, log);
    }
}
