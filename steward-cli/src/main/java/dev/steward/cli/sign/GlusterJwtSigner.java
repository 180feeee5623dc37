package dev.steward.cli.sign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Gluster REST: a fresh HS256 JWT per request, {@code iss} = app id, {@code iat}, {@code exp} (5 minutes, as the
 * reference's example) and {@code qsh} = sha256hex of {@code METHOD \n path [\n query] [\n body]}.
 */
final class GlusterJwtSigner implements RequestSigner {

    static final long LIFETIME_SECONDS = 300;

    private final String appId;
    private final String secret;
    private final Clock clock;

    GlusterJwtSigner(String appId, String secret, Clock clock) {
        this.appId = appId;
        this.secret = secret;
        this.clock = clock;
    }

    static String qsh(Request request) {
        ByteArrayOutputStream resource = new ByteArrayOutputStream();
        resource.writeBytes((request.method() + "\n" + request.path()).getBytes(StandardCharsets.UTF_8));
        if (!request.query().isEmpty()) {
            resource.writeBytes(("\n" + request.query().encoded()).getBytes(StandardCharsets.UTF_8));
        }
        if (request.body() != null && request.body().length > 0) {
            resource.write('\n');
            resource.writeBytes(request.body());
        }
        return Digests.sha256Hex(resource.toByteArray());
    }

    static String jwt(String appId, String secret, String qsh, long issuedAt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + appId.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"iat\":" + issuedAt
                + ",\"exp\":" + (issuedAt + LIFETIME_SECONDS) + ",\"qsh\":\"" + qsh + "\"}").getBytes(StandardCharsets.UTF_8));
        byte[] mac = Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), (header + "." + claims).getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString(mac);
    }

    @Override
    public Signature sign(Request request) {
        return Signature.header("Authorization", "Bearer " + jwt(appId, secret, qsh(request), clock.millis() / 1000));
    }
}
