package dev.steward.common.http;

import java.time.Instant;

/** Jidoteki's log line format, as its status and log endpoints show it. */
public final class JidotekiLog {

    private JidotekiLog() {
    }

    /** {@code [<unix seconds>][SYSTEM] <message>}. */
    public static String line(String message) {
        return "[" + Instant.now().getEpochSecond() + "][SYSTEM] " + message;
    }
}
