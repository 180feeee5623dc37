package dev.steward.common.logging;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * The console format logback loads (steward-logback.xml): {@code STEWARD_LOG_FORMAT} when it is one
 * Steward has, else text, so that the console always shows something, including {@link LogFormat}'s
 * refusal of the wrong value.
 */
public class ConsoleFormat extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        String format = getContext() == null ? null : getContext().getProperty(LogFormat.VARIABLE);
        if (format == null) {
            format = System.getenv(LogFormat.VARIABLE);
        }
        return format != null && LogFormat.FORMATS.contains(format) ? format : "text";
    }
}
