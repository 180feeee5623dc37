package dev.steward.identity.gatewayconfig;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Gluster's {@code config-get/config-set/config-reset}: the REST server's settings, applied by every
 * gateway. Each change publishes the whole resulting state, so a gateway needs only the last event.
 */
@Singleton
public class GatewaySettingsService {

    public static final String SETTINGS_CHANGED = EventTypes.type("identity", "GatewaySettingsChanged");
    public static final String ALL = "all";

    /** A setting's default and the values it accepts. */
    record Definition(String defaultValue, String accepted, Predicate<String> valid) {
    }

    static final Map<String, Definition> DEFINITIONS = definitions();

    private static Map<String, Definition> definitions() {
        Predicate<String> onOff = value -> value.equals("enabled") || value.equals("disabled");
        Map<String, Definition> definitions = new LinkedHashMap<>();
        // Plain HTTP stays usable until an operator asks for HTTPS (and has uploaded a certificate).
        definitions.put("https", new Definition("disabled", "enabled or disabled", onOff));
        definitions.put("port", new Definition("8443", "a TCP port, 1 to 65535",
                value -> value.matches("[1-9][0-9]{0,4}") && Integer.parseInt(value) <= 65535));
        definitions.put("auth", new Definition("enabled", "enabled or disabled", onOff));
        return Map.copyOf(definitions);
    }

    private final GatewaySettingRepository settings;
    private final Outbox outbox;
    private final AuditTrail audit;

    public GatewaySettingsService(GatewaySettingRepository settings, Outbox outbox, AuditTrail audit) {
        this.settings = settings;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** What gateways apply, typed. */
    @Serdeable
    public record GatewaySettings(boolean https, int port, boolean auth) {

        static GatewaySettings of(Map<String, String> values) {
            return new GatewaySettings(values.get("https").equals("enabled"), Integer.parseInt(values.get("port")),
                    values.get("auth").equals("enabled"));
        }
    }

    /** Every setting with its value (stored or default), in Gluster's listing order. */
    @Snapshot
    public Map<String, String> all() {
        return current();
    }

    @Snapshot
    public String get(String name) {
        definition(name);
        return current().get(name);
    }

    @Transactional
    public Map<String, String> set(String name, @Nullable String value, Actor actor) {
        Definition definition = definition(name);
        if (value == null || !definition.valid().test(value)) {
            throw new ProblemException(IdentityErrorCode.CONFIG_VALUE_INVALID, name + " takes " + definition.accepted() + ", got " + value);
        }
        settings.lock();
        settings.set(name, value, Instant.now());
        return announce("config/" + name, actor);
    }

    /** Back to the default: one setting, or {@code all}. */
    @Transactional
    public Map<String, String> reset(String name, Actor actor) {
        settings.lock();
        if (name.equals(ALL)) {
            settings.resetAll();
        } else {
            definition(name);
            settings.reset(name);
        }
        return announce("config/" + name, actor);
    }

    @Snapshot
    public GatewaySettings forGateways() {
        return GatewaySettings.of(current());
    }

    private Map<String, String> announce(String subject, Actor actor) {
        Map<String, String> values = current();
        outbox.append(Topics.IDENTITY_EVENTS, SETTINGS_CHANGED, "gateway-settings", subject, GatewaySettings.of(values), actor);
        audit.record(actor, SETTINGS_CHANGED, subject, "succeeded");
        return values;
    }

    private Map<String, String> current() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : new String[] {"https", "port", "auth"}) {
            values.put(name, DEFINITIONS.get(name).defaultValue());
        }
        settings.findAll().stream().filter(stored -> DEFINITIONS.containsKey(stored.name()))
                .forEach(stored -> values.put(stored.name(), stored.value()));
        return values;
    }

    private static Definition definition(String name) {
        Definition definition = DEFINITIONS.get(name);
        if (definition == null) {
            throw new ProblemException(IdentityErrorCode.CONFIG_NAME_UNKNOWN, "'" + name + "'; the settings are https, port and auth");
        }
        return definition;
    }
}
