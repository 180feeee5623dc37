package dev.steward.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Who caused a change and from where: the verified principal the gateway forwarded, or a service
 * acting on its own (then {@code clientIp} is null).
 */
@Serdeable
public record Actor(String principal, @Nullable String clientIp) {

    public static Actor system(String serviceName) {
        return new Actor("service:" + serviceName, null);
    }
}
