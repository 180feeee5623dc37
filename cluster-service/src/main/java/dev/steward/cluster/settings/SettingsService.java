package dev.steward.cluster.settings;

import dev.steward.cluster.error.ClusterErrorCode;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Jidoteki's network/app settings and storage options, kept cluster-wide. A validated document is
 * stored and announced at once (nodes apply it from the event); the 202 is the reference's contract.
 */
@Singleton
public class SettingsService {

    public static final String NETWORK = "network";
    public static final String STORAGE = "storage";
    public static final String SETTINGS_CHANGED = EventTypes.type("cluster", "SettingsChanged");
    static final int MAX_DOCUMENT = 64 * 1024;

    private final ClusterSettingRepository settings;
    private final Outbox outbox;
    private final JsonMapper json;
    private final List<String> storageOptions;

    public SettingsService(ClusterSettingRepository settings, Outbox outbox, JsonMapper json,
                           @Value("${steward.cluster.storage-options:local,aoe,nfs,nbd,iscsi}") List<String> storageOptions) {
        this.settings = settings;
        this.outbox = outbox;
        this.json = json;
        this.storageOptions = List.copyOf(storageOptions);
    }

    @Serdeable
    public record SettingsChanged(String name, JsonNode document) {
    }

    public List<String> storageOptions() {
        return storageOptions;
    }

    @Snapshot
    public Optional<JsonNode> get(String name) {
        return settings.findById(name).map(setting -> parse(setting.document().getBytes(StandardCharsets.UTF_8)));
    }

    @Transactional
    public void update(String name, @Nullable byte[] file, Actor actor) {
        if (file == null || file.length == 0) {
            throw new ProblemException(ClusterErrorCode.SETTINGS_INVALID, "the settings file (form field \"settings\") is required");
        }
        if (file.length > MAX_DOCUMENT) {
            throw new ProblemException(ClusterErrorCode.SETTINGS_INVALID, "the settings file may be at most " + MAX_DOCUMENT + " bytes");
        }
        JsonNode document = parse(file);
        if (name.equals(NETWORK)) {
            SettingsRules.checkNetwork(document);
        } else {
            SettingsRules.checkStorage(document, storageOptions);
        }
        settings.upsert(name, write(document), Instant.now());
        outbox.append(Topics.CLUSTER_EVENTS, SETTINGS_CHANGED, "settings/" + name, "settings/" + name,
                new SettingsChanged(name, document), actor);
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return json.readValue(bytes, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(ClusterErrorCode.SETTINGS_INVALID, "the settings file is not valid JSON");
        }
    }

    private String write(JsonNode document) {
        try {
            return new String(json.writeValueAsBytes(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
