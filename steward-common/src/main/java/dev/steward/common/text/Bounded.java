package dev.steward.common.text;

/**
 * Caps free text that leaves a request (problem details, audit fields, dead-letter errors), so an
 * attacker's megabyte of input is not echoed into responses, the audit trail or Kafka events.
 */
public final class Bounded {

    /** Problem {@code detail}s and dead-letter errors. */
    public static final int DETAIL = 2_000;
    /** Each field of an audit entry (target, outcome, detail). */
    public static final int AUDIT_FIELD = 1_000;

    private Bounded() {
    }

    /** {@code text} itself when it fits, otherwise its start and how much was cut (never longer than {@code max}). */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        // The marker says how much was cut; sized for the longest count, so the result never exceeds max.
        int markerLength = "… (".length() + String.valueOf(text.length()).length() + " more characters)".length();
        int keep = Math.max(0, max - markerLength);
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--; // never split a surrogate pair
        }
        String marker = "… (" + (text.length() - keep) + " more characters)";
        return text.substring(0, keep) + marker;
    }
}
