package dev.steward.cluster.settings;

import dev.steward.cluster.error.ClusterErrorCode;
import dev.steward.common.error.ProblemException;
import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Jidoteki validation rules for settings.json, as the reference lists them: each field's
 * character set and length. Unknown fields are refused so that a typo is not silently dropped.
 */
final class SettingsRules {

    private SettingsRules() {
    }

    private static final Pattern IP = Pattern.compile("[abcdefABCDEF0-9.:]{3,45}");
    private static final Map<String, Pattern> NETWORK = new LinkedHashMap<>();
    private static final Set<String> NETWORK_REQUIRED = Set.of("interface", "hostname");
    private static final Map<String, Map<String, Pattern>> STORAGE = new LinkedHashMap<>();

    static {
        NETWORK.put("interface", Pattern.compile("[a-zA-Z0-9]{3,14}"));
        NETWORK.put("hostname", Pattern.compile("[a-zA-Z0-9.-]{3,255}"));
        NETWORK.put("ip_address", IP);
        NETWORK.put("netmask", Pattern.compile("[abcdefABCDEF0-9.:/]{2,45}"));
        NETWORK.put("gateway", IP);
        NETWORK.put("dns1", IP);
        NETWORK.put("dns2", IP);
        NETWORK.put("ntpserver", Pattern.compile("[a-zA-Z0-9.:-]{3,255}"));

        STORAGE.put("local", Map.of());
        STORAGE.put("nfs", Map.of("mount_options", Pattern.compile("[a-zA-Z0-9.=,-]{3,255}"), "ip", IP,
                "share", Pattern.compile("[a-zA-Z0-9._/-]{3,255}")));
        STORAGE.put("aoe", Map.of("device", Pattern.compile("[a-zA-Z0-9.-]{3,255}")));
        STORAGE.put("iscsi", Map.of("target", Pattern.compile("[a-zA-Z0-9._:-]{3,255}"), "ip", IP,
                "username", Pattern.compile("[\\x21-\\x7e]{3,255}"), "password", Pattern.compile("[\\x21-\\x7e]{3,255}")));
        STORAGE.put("nbd", Map.of("export_name", Pattern.compile("[a-zA-Z0-9._/-]{3,255}"), "ip", IP,
                "port", Pattern.compile("[0-9._/-]{1,5}")));
    }

    /** {"network": {...}, "app": {...}}; without ip_address, netmask and gateway the network is DHCP. */
    static void checkNetwork(JsonNode document) {
        requireObject(document, "the settings file must be a JSON object with a \"network\" object");
        for (Map.Entry<String, JsonNode> section : document.entries()) {
            if (!List.of("network", "app").contains(section.getKey())) {
                throw invalid("unknown section '" + section.getKey() + "' (expected network and app)");
            }
        }
        JsonNode network = document.get("network");
        requireObject(network, "\"network\" is required and must be an object");
        for (Map.Entry<String, JsonNode> field : network.entries()) {
            Pattern rule = NETWORK.get(field.getKey());
            if (rule == null) {
                throw invalid("unknown network field '" + field.getKey() + "'");
            }
            check("network." + field.getKey(), field.getValue(), rule);
        }
        for (String required : NETWORK_REQUIRED) {
            if (network.get(required) == null) {
                throw invalid("network." + required + " is required");
            }
        }
        JsonNode app = document.get("app");
        if (app != null) {
            requireObject(app, "\"app\" must be an object");
            for (Map.Entry<String, JsonNode> field : app.entries()) {
                check("app." + field.getKey(), field.getValue(), Pattern.compile("[^\\x00-\\x1f]{1,255}"));
            }
        }
    }

    /** {"storage": {"type": ..., type-specific fields}}, the type one of the configured options. */
    static void checkStorage(JsonNode document, List<String> options) {
        requireObject(document, "the settings file must be a JSON object with a \"storage\" object");
        if (document.size() != 1) {
            throw invalid("the settings file holds exactly one section, \"storage\"");
        }
        JsonNode storage = document.get("storage");
        requireObject(storage, "\"storage\" is required and must be an object");
        JsonNode type = storage.get("type");
        if (type == null || !type.isString() || !STORAGE.containsKey(type.getStringValue())) {
            throw invalid("storage.type is required: one of " + STORAGE.keySet());
        }
        if (!options.contains(type.getStringValue())) {
            throw invalid("storage type " + type.getStringValue() + " is not available here; options: " + options);
        }
        Map<String, Pattern> rules = STORAGE.get(type.getStringValue());
        for (Map.Entry<String, JsonNode> field : storage.entries()) {
            if (!field.getKey().equals("type") && !rules.containsKey(field.getKey())) {
                throw invalid("unknown field '" + field.getKey() + "' for storage type " + type.getStringValue());
            }
        }
        for (Map.Entry<String, Pattern> rule : rules.entrySet()) {
            JsonNode value = storage.get(rule.getKey());
            if (value == null) {
                throw invalid("storage." + rule.getKey() + " is required for type " + type.getStringValue());
            }
            check("storage." + rule.getKey(), value, rule.getValue());
        }
    }

    private static void check(String field, JsonNode value, Pattern rule) {
        if (!value.isString() || !rule.matcher(value.getStringValue()).matches()) {
            throw invalid(field + " must be a string matching " + rule.pattern());
        }
    }

    private static void requireObject(JsonNode node, String message) {
        if (node == null || !node.isObject()) {
            throw invalid(message);
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ClusterErrorCode.SETTINGS_INVALID, detail);
    }
}
