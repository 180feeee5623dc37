package dev.steward.gateway.settings;

import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.gateway.auth.IdentityClient;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;

/**
 * Keeps this gateway's certificate and Gluster settings current: loaded from identity-service at
 * start-up, then changed by identity's events. Each instance has its own consumer group (every
 * gateway must apply every change) and reads from the end: the start-up load covers the past.
 */
@KafkaListener(groupId = "gateway-service.settings", uniqueGroupId = true, offsetReset = OffsetReset.LATEST)
public class GatewaySettingsListener implements ApplicationEventListener<ServerStartupEvent> {

    static final String CERTIFICATE_INSTALLED = EventTypes.type("identity", "TlsCertificateInstalled");
    static final String SETTINGS_CHANGED = EventTypes.type("identity", "GatewaySettingsChanged");

    private final GatewayCertificates certificates;
    private final GatewaySettings settings;
    private final EventReader reader;

    public GatewaySettingsListener(GatewayCertificates certificates, GatewaySettings settings, EventReader reader) {
        this.certificates = certificates;
        this.settings = settings;
        this.reader = reader;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        certificates.reload().subscribe();
        settings.reload().subscribe();
    }

    @Topic(Topics.IDENTITY_EVENTS)
    void onIdentityEvent(byte[] value) {
        CloudEvent event = reader.read(value);
        if (CERTIFICATE_INSTALLED.equals(event.type())) {
            certificates.reload().block();
        } else if (SETTINGS_CHANGED.equals(event.type())) {
            settings.apply(reader.data(event, IdentityClient.GatewaySettings.class));
        }
    }
}
