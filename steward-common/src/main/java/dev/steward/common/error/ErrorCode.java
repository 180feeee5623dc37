package dev.steward.common.error;

import io.micronaut.http.HttpStatus;

/**
 * One entry of a service's error-code registry. Each service keeps its codes in one enum that
 * implements this interface, so every problem it can report is listed in a single place.
 */
public interface ErrorCode {

    /** Stable machine-readable code, e.g. {@code NODE_ID_INVALID}. */
    String name();

    HttpStatus status();

    /** Short human-readable summary that does not change from occurrence to occurrence. */
    String title();

    /**
     * The code a reference API gives this problem (Jidoteki's {@code E1004} ...), sent as the
     * problem's {@code error-code} member; null when the reference has none.
     */
    default String referenceCode() {
        return null;
    }

    /** RFC 9457 problem type URI derived from the code. */
    default String type() {
        return "urn:steward:problem:" + name().toLowerCase().replace('_', '-');
    }
}
