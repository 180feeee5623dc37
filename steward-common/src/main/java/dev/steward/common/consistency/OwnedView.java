package dev.steward.common.consistency;

/**
 * A service that changed only part of what the reference answers with names, in this internal
 * header, the path whose answer is the whole view (BucketAllowKey changes a key's permissions in
 * identity-service, but answers with GetBucketInfo, which cluster-service owns). Once the change is
 * applied everywhere, the gateway answers with that path's body, read as the same caller; the header
 * never leaves the gateway.
 */
public final class OwnedView {

    public static final String HEADER = "Steward-View";

    private OwnedView() {
    }
}
