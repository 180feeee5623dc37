package dev.steward.cluster.node;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Bounds of ConnectClusterNodes ({@code steward.cluster.connect}).
 *
 * @param handshakeTimeout how long the handshake with one agent may take, connection included;
 *                         every node of a request is contacted at once, so this bounds the request
 * @param forgetAfter      a known node that holds no role and has not been seen (no heartbeat) for
 *                         this long is forgotten; a node with a role is never forgotten by time
 */
@ConfigurationProperties("steward.cluster.connect")
public record ConnectLimits(@Bindable(defaultValue = "3s") Duration handshakeTimeout,
                            @Bindable(defaultValue = "24h") Duration forgetAfter) {
}
