package dev.steward.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.micronaut.json.JsonMapper;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The services' shared logging configuration, run through logback itself. */
class LogFormatTest {

    /**
     * What {@code service}'s console shows for one warning, with STEWARD_LOG_FORMAT set to
     * {@code format} (null: unset): the line the configured console appender's encoder makes.
     */
    private static String console(String service, String format) throws Exception {
        return console(service, format, Map.of());
    }

    /** As {@link #console(String, String)}, logged with {@code mdc} in the event's MDC (as a traced request's line is). */
    private static String console(String service, String format, Map<String, String> mdc) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            if (format != null) {
                context.putProperty(LogFormat.VARIABLE, format); // as the environment variable would
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(Files.newInputStream(Path.of("..", service, "src/main/resources/logback.xml")));
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
            root.iteratorForAppenders().forEachRemaining(appender -> {
                if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                    consoles.add(console);
                }
            });
            assertEquals(1, consoles.size(), "one console appender on the root logger");
            Logger logger = context.getLogger("dev.steward.cluster.usage.UsageService");
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "Dropping a usage report from node {}: {}",
                    null, new Object[] {"ab12", "nodeId must be 64 lowercase hex digits"});
            event.setMDCPropertyMap(mdc);
            return new String(consoles.get(0).getEncoder().encode(event), StandardCharsets.UTF_8);
        } finally {
            context.stop();
        }
    }

    @Test
    void textIsTheDefault() throws Exception {
        String out = console("cluster-service", null);
        assertTrue(out.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[[^]]+] d\\.steward\\.cluster\\.usage\\.UsageService - Dropping a usage report from node ab12: "
                + "nodeId must be 64 lowercase hex digits\\R"), out);
        assertEquals(out.substring(12), console("cluster-service", "text").substring(12), "the same but for the time");
    }

    @Test
    void jsonIsOneObjectPerLineWithTheServiceTheInstanceAndTheFilledInMessage() throws Exception {
        for (String service : new String[] {"gateway-service", "identity-service", "cluster-service", "jobs-service"}) {
            json(service);
        }
    }

    private static void json(String service) throws Exception {
        String out = console(service, "json");
        String[] lines = out.split("\\R");
        assertEquals(1, lines.length, out);
        Map<?, ?> line = JsonMapper.createDefault().readValue(lines[0], Map.class);
        assertEquals("WARN", line.get("level"));
        assertEquals("dev.steward.cluster.usage.UsageService", line.get("loggerName"));
        assertEquals("Dropping a usage report from node ab12: nodeId must be 64 lowercase hex digits", line.get("formattedMessage"));
        Map<?, ?> context = (Map<?, ?>) line.get("context");
        assertEquals(service, context.get("name"));
        Object instance = ((Map<?, ?>) context.get("properties")).get("instance");
        assertTrue(instance instanceof String name && !name.isBlank() && !name.contains("$"), lines[0]);
        assertTrue(((Number) line.get("timestamp")).longValue() > 0, lines[0]);
    }

    @Test
    void aLineLoggedForATracedRequestNamesItsTrace() throws Exception {
        Map<String, String> traced = Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7");
        String text = console("cluster-service", null, traced);
        assertTrue(text.matches(".* d\\.steward\\.cluster\\.usage\\.UsageService \\[trace 4bf92f3577b34da6a3ce929d0e0e4736] - Dropping .*\\R"), text);
        Map<?, ?> json = JsonMapper.createDefault().readValue(console("gateway-service", "json", traced).strip(), Map.class);
        assertEquals(traced, json.get("mdc"), "the JSON line carries trace and span id");
    }

    @Test
    void anyOtherFormatIsShownAsTextSoThatTheRefusalIsSeen() throws Exception {
        assertEquals(console("cluster-service", null).substring(12), console("cluster-service", "xml").substring(12));
    }

    @Test
    void anyOtherFormatStopsTheServiceAtStartWithTheReason() {
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> LogFormat.check(Map.of(LogFormat.VARIABLE, "xml")));
        assertEquals("STEWARD_LOG_FORMAT must be text or json, got 'xml'", refused.getMessage());
        LogFormat.check(Map.of(LogFormat.VARIABLE, "json"));
        LogFormat.check(Map.of());
    }
}
