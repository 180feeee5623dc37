package dev.steward.cli.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One gateway and one credential. {@code key} is the bearer or Jidoteki token, the JuiceFS access key id or the
 * Gluster app id; {@code secret} is the JuiceFS secret or the Gluster app secret (unused by the token schemes).
 */
public record Profile(String name, URI url, Scheme scheme, String key, String secret) {

    public Profile {
        List<String> missing = new ArrayList<>();
        if (url == null) {
            missing.add("url");
        }
        if (scheme == null) {
            missing.add("scheme");
        }
        if (key == null || key.isBlank()) {
            missing.add(scheme == Scheme.JUICEFS ? "access-key" : scheme == Scheme.GLUSTER ? "app-id" : "token");
        }
        if ((scheme == Scheme.JUICEFS || scheme == Scheme.GLUSTER) && (secret == null || secret.isBlank())) {
            missing.add("secret");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("profile '" + name + "' lacks " + String.join(", ", missing));
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("profile '" + name + "': url must be http:// or https://, got " + url);
        }
    }

    /** What {@code profile list} shows: never the secret, and only the start of a token. */
    public String redactedKey() {
        if (scheme == Scheme.JUICEFS || scheme == Scheme.GLUSTER) {
            return key;
        }
        return key.length() <= 6 ? "…" : key.substring(0, 6) + "…";
    }
}
