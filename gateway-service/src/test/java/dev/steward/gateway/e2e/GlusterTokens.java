package dev.steward.gateway.e2e;

import dev.steward.common.crypto.Crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Gluster tokens as the reference's Python example builds them with PyJWT, written independently of the gateway's code. */
final class GlusterTokens {

    private GlusterTokens() {
    }

    /** @param qshData "METHOD\nPATH", plus "\nquery" and/or "\nbody" as the reference shows */
    static String jwt(String appId, String secret, String qshData, long issuedAt, long expires) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String qsh = Crypto.sha256Hex(qshData);
        String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + appId + "\",\"qsh\":\"" + qsh + "\",\"iat\":" + issuedAt + ",\"exp\":" + expires + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + claims + "." + b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
    }
}
