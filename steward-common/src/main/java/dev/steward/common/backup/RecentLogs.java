package dev.steward.common.backup;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A logback appender that keeps this process's last {@value #CAPACITY} log lines in memory, for
 * the logs and debug bundles. Services log to stdout only; this is what a bundle can collect
 * from every replica without files or agents.
 */
public class RecentLogs extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final int CAPACITY = 5000;
    private static final Deque<String> LINES = new ArrayDeque<>();

    private Encoder<ILoggingEvent> encoder;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = encoder == null ? event.getFormattedMessage() + "\n" : new String(encoder.encode(event), StandardCharsets.UTF_8);
        synchronized (LINES) {
            if (LINES.size() == CAPACITY) {
                LINES.removeFirst();
            }
            LINES.addLast(line);
        }
    }

    public static String text() {
        List<String> copy;
        synchronized (LINES) {
            copy = new ArrayList<>(LINES);
        }
        return String.join("", copy);
    }
}
