package dev.steward.cli.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A multipart/form-data body of one file part, as the Jidoteki reference's {@code curl -F field=@file} sends. */
public record Multipart(String contentType, byte[] body) {

    public static Multipart file(String field, String fileName, byte[] content) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String boundary = "steward-" + HexFormat.of().formatHex(random);
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 256);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName.replaceAll("[\"\\r\\n]", "") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
}
