package dev.steward.gateway.auth;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * What verifying a presented credential found: the principal, and for signatures that must not be
 * replayed the signature's identity; or why it failed, for the refusal's detail.
 */
public record Verification(Optional<Principal> principal, Optional<UsedSignature> signature, @Nullable String failure) {

    public static Verification verified(Principal principal) {
        return new Verification(Optional.of(principal), Optional.empty(), null);
    }

    public static Verification verified(Principal principal, UsedSignature signature) {
        return new Verification(Optional.of(principal), Optional.of(signature), null);
    }

    public static Verification failed(String why) {
        return new Verification(Optional.empty(), Optional.empty(), why);
    }

    /** The request carried no credential at all. */
    public static final Verification NONE = new Verification(Optional.empty(), Optional.empty(), null);
}
