package dev.steward.cluster.node;

import dev.steward.common.node.NodeProof;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;

/**
 * Contacts the agent at a node's address and checks it proves the node id ({@link NodeProof}): a
 * fresh challenge, signed with the key whose public half is the id. Unreachable, not an agent, or
 * another node: each is a failed handshake with a reason, in Garage's {@code error} strings' spirit.
 */
@Singleton
public class NodeHandshake {

    /** The outcome for one node: null error when proven. */
    public record Outcome(NodeAddress node, String error, String hostname) {

        boolean proven() {
            return error == null;
        }
    }

    @Serdeable
    record Identity(String nodeId, String signature, String hostname) {
    }

    private final HttpClient http;
    private final ConnectLimits limits;
    private final JsonMapper json;

    public NodeHandshake(ConnectLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(limits.handshakeTimeout()).build();
    }

    public CompletableFuture<Outcome> shake(NodeAddress node) {
        String challenge = NodeProof.challenge();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://" + node.address() + "/v1/identity?challenge=" + challenge))
                    .timeout(limits.handshakeTimeout()).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Outcome(node, "Invalid node address " + node.address() + ": " + e.getMessage(), null));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(answer -> judge(node, challenge, answer))
                .exceptionally(failure -> new Outcome(node, "Could not connect to " + node.address() + ": " + reason(failure), null));
    }

    private Outcome judge(NodeAddress node, String challenge, HttpResponse<byte[]> answer) {
        if (answer.statusCode() != 200) {
            return new Outcome(node, "Handshake error: " + node.address() + " is not a Steward node agent (HTTP " + answer.statusCode() + ")", null);
        }
        Identity identity;
        try {
            identity = json.readValue(answer.body(), Identity.class);
        } catch (IOException | RuntimeException e) {
            return new Outcome(node, "Handshake error: " + node.address() + " answered something that is not a node identity", null);
        }
        if (identity == null || !node.nodeId().equals(identity.nodeId())) {
            return new Outcome(node, "Handshake error: the node at " + node.address() + " is "
                    + (identity == null ? "unknown" : identity.nodeId()) + ", not " + node.nodeId(), null);
        }
        if (identity.signature() == null || !NodeProof.verifies(node.nodeId(), challenge, identity.signature())) {
            return new Outcome(node, "Handshake error: the node at " + node.address() + " did not prove node id " + node.nodeId(), null);
        }
        return new Outcome(node, null, identity.hostname());
    }

    private String reason(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + limits.handshakeTimeout().toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return cause.getMessage() == null || cause.getMessage().isBlank() ? "connection refused" : cause.getMessage();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
