package dev.steward.cluster.node;

import dev.steward.cluster.error.ClusterErrorCode;
import dev.steward.common.audit.NotAnAdminAction;
import dev.steward.common.error.ProblemException;
import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

@dev.steward.common.idempotency.Idempotent
@Controller
@Secured(InternalClaims.ROLE_API)
public class NodeController {

    private final NodeService nodeService;
    private final NodeRegistry registry;

    public NodeController(NodeService nodeService, NodeRegistry registry) {
        this.nodeService = nodeService;
        this.registry = registry;
    }

    /** Every known node with the host facts its agent last reported. */
    @Get("/steward/v1/nodes")
    public List<NodeService.NodeView> nodes() {
        return nodeService.nodes();
    }

    /** Forgets a known node that holds no role (Garage's layout keeps a node with a role; so does Steward). */
    @Delete("/steward/v1/nodes/{nodeId}")
    @Status(HttpStatus.NO_CONTENT)
    public void forget(@PathVariable String nodeId, Authentication authentication) {
        registry.forget(nodeId, Actors.from(authentication));
    }

    /** Garage ConnectClusterNodes. */
    @Post("/v0/connect")
    public List<ConnectResult> connect(@Body List<String> nodes, Authentication authentication) {
        return nodeService.connect(nodes, Actors.from(authentication));
    }

    /** What a node agent may send with its beat over HTTP (agents that can reach Kafka write the heartbeat topic instead). */
    @Serdeable
    public record HeartbeatRequest(@Nullable String hostname) {
    }

    /** Steward's HTTP heartbeat for node agents: the node is seen now. */
    @Post("/steward/v1/nodes/{nodeId}/heartbeat")
    @NotAnAdminAction
    @Status(HttpStatus.NO_CONTENT)
    public void heartbeat(@PathVariable String nodeId, @Nullable @Body HeartbeatRequest body) {
        String hostname = body == null ? null : body.hostname();
        if (hostname != null && !NodeService.HOSTNAME.matcher(hostname).matches()) {
            throw new ProblemException(ClusterErrorCode.HEARTBEAT_INVALID, "hostname must be 1-255 letters, digits, '.', '-' or '_'");
        }
        if (!nodeService.heartbeat(nodeId, hostname, Instant.now())) {
            throw new ProblemException(ClusterErrorCode.NODE_NOT_FOUND, nodeId + " is not connected; POST /v0/connect first");
        }
    }

    /** Gluster's pool list: every known node with its connection state. */
    @Get("/v1/peers")
    public List<NodeService.Peer> peers() {
        return nodeService.peers();
    }
}
