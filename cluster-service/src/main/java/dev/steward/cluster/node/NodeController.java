package dev.steward.cluster.node;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.List;

@Controller("/v0")
@Secured(InternalClaims.ROLE_ADMIN)
public class NodeController {

    private final NodeService nodeService;

    public NodeController(NodeService nodeService) {
        this.nodeService = nodeService;
    }

    /** Garage ConnectClusterNodes. */
    @Post("/connect")
    public List<ConnectResult> connect(@Body List<String> nodes, Authentication authentication) {
        return nodeService.connect(nodes, Actors.from(authentication));
    }
}
