package dev.steward.cli.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One file part, as {@code curl -F update=@pkg.enc} sends it: the bytes exactly, between the boundary lines. */
class MultipartTest {

    @Test
    void theFileIsOnePartWithItsBytesUntouched() {
        byte[] content = {0, (byte) 0xff, '\r', '\n', '-', '-', 'x', 1};
        Multipart multipart = Multipart.file("update", "steward-1.2.enc", content);
        String boundary = multipart.contentType().substring("multipart/form-data; boundary=".length());
        assertTrue(boundary.matches("steward-[0-9a-f]{24}"), multipart.contentType());

        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"update\"; filename=\"steward-1.2.enc\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = multipart.body();
        assertEquals(head.length + content.length + tail.length, body.length);
        assertArrayEquals(head, Arrays.copyOfRange(body, 0, head.length));
        assertArrayEquals(content, Arrays.copyOfRange(body, head.length, head.length + content.length));
        assertArrayEquals(tail, Arrays.copyOfRange(body, head.length + content.length, body.length));
    }

    @Test
    void eachBodyHasItsOwnBoundaryAndANameCannotBreakTheHeader() {
        assertNotEquals(Multipart.file("a", "f", new byte[0]).contentType(), Multipart.file("a", "f", new byte[0]).contentType());
        String body = new String(Multipart.file("archive", "evil\"\r\n.tar", new byte[0]).body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("filename=\"evil.tar\""), body);
    }
}
