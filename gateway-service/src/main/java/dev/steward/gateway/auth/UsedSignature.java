package dev.steward.gateway.auth;

import java.time.Instant;
import java.util.HexFormat;

/**
 * A signature as the replay memory knows it: by the credential and the signature's decoded bytes
 * (hex, lower case), so that re-encoding the same signature (upper-case hex, base64 padding) is the
 * same use; remembered until the signature itself stops being acceptable.
 *
 * @param lastAcceptable the last instant a verifier would accept this signature (timestamp or exp, plus skew)
 */
public record UsedSignature(String credential, String bytesHex, Instant lastAcceptable) {

    public static UsedSignature of(String credential, byte[] signature, Instant lastAcceptable) {
        return new UsedSignature(credential, HexFormat.of().formatHex(signature), lastAcceptable);
    }

    /** The memory's key: one per credential and signature. */
    String key() {
        return credential + ":" + bytesHex;
    }
}
