package dev.steward.gateway.auth;

import dev.steward.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any identity change empties this gateway's credential cache, so a revoked or rotated credential
 * stops working as soon as the event arrives rather than when the cache entry expires. Each gateway
 * instance has its own consumer group (every instance must see every event) and starts at the end
 * of the topic: at start-up its cache is empty, so there is nothing older to evict.
 * Evicting everything is deliberate: identity changes are rare, and a miss costs one look-up.
 */
@KafkaListener(groupId = "gateway-service.credential-cache", uniqueGroupId = true, offsetReset = OffsetReset.LATEST)
public class CredentialEvictionListener {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialEvictionListener.class);

    private final CredentialCache cache;

    public CredentialEvictionListener(CredentialCache cache) {
        this.cache = cache;
    }

    @Topic(Topics.IDENTITY_EVENTS)
    void onIdentityEvent(byte[] value) {
        cache.evictAll();
        LOG.debug("Identity changed: credential cache cleared");
    }
}
