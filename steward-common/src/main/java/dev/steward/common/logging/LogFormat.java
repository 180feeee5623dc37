package dev.steward.common.logging;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.Map;
import java.util.Set;

/**
 * Refuses to start with a {@code STEWARD_LOG_FORMAT} Steward does not have: the console then shows
 * text ({@link ConsoleFormat}), and a collector expecting JSON would get something else, silently.
 */
@Context
public class LogFormat {

    static final String VARIABLE = "STEWARD_LOG_FORMAT";
    static final Set<String> FORMATS = Set.of("text", "json");

    public LogFormat() {
        check(System.getenv());
    }

    static void check(Map<String, String> environment) {
        String format = environment.get(VARIABLE);
        if (format != null && !FORMATS.contains(format)) {
            throw new ConfigurationException(VARIABLE + " must be text or json, got '" + format + "'");
        }
    }
}
