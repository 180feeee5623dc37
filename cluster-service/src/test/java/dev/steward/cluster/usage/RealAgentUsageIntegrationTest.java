package dev.steward.cluster.usage;

import dev.steward.cluster.AbstractClusterTest;
import dev.steward.cluster.bucket.BucketViews;
import dev.steward.cluster.volume.VolumeViews;
import dev.steward.testing.Eventually;
import dev.steward.testing.NodeAgentProcess;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real agent processes measure their bucket and volume directories; the API shows what they hold. */
class RealAgentUsageIntegrationTest extends AbstractClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> FAST = Map.of("STEWARD_AGENT_USAGE", "1s");

    private static void write(Path file, int bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }

    private BucketViews.BucketInfo info(String id) {
        return http.toBlocking().retrieve(asAdmin(HttpRequest.GET("/v0/bucket?id=" + id)), BucketViews.BucketInfo.class);
    }

    @Test
    void whatTheAgentsFindOnDiskIsTheBucketsAndQuotasUsage() throws Exception {
        String bucket = http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v0/bucket", Map.of())), BucketViews.BucketInfo.class).id();
        String volumeName = "real-" + UUID.randomUUID().toString().substring(0, 8);
        long volume = http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v1/volumes", Map.of("name", volumeName))),
                VolumeViews.GlusterVolume.class).id();
        String quotas = "/api/v1/volumes/" + volume + "/quotas";
        http.toBlocking().exchange(asAdmin(HttpRequest.POST(quotas, Map.of("path", "/home/ann", "size", 4096))));

        try (NodeAgentProcess first = NodeAgentProcess.start(Files.createTempDirectory("steward-agent-"), FAST);
             NodeAgentProcess second = NodeAgentProcess.start(Files.createTempDirectory("steward-agent-"), FAST)) {
            for (int i = 0; i < 3; i++) {
                write(first.dataDir().resolve("buckets/" + bucket + "/object-" + i), 1000);
            }
            write(second.dataDir().resolve("buckets/" + bucket + "/object-0"), 1000);
            write(first.dataDir().resolve("volumes/" + volumeName + "/home/ann/notes.txt"), 3000);
            write(first.dataDir().resolve("volumes/" + volumeName + "/home/ann/photos/cat.jpg"), 2000);
            List<Map> connected = http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v0/connect", List.of(first.spec(), second.spec()))),
                    Argument.listOf(Map.class));
            assertEquals(2, connected.stream().filter(result -> Boolean.TRUE.equals(result.get("success"))).count(), connected.toString());

            // the node list shows what the agents' beats say: their build's version, no release before an update
            List<Map> nodes = Eventually.await(WAIT,
                    () -> http.toBlocking().retrieve(asAdmin(HttpRequest.GET("/steward/v1/nodes")), Argument.listOf(Map.class)),
                    list -> list.stream().anyMatch(node -> first.nodeId().equals(node.get("nodeId")) && node.get("agentVersion") != null),
                    "the first agent's beat");
            Map<?, ?> firstNode = nodes.stream().filter(node -> first.nodeId().equals(node.get("nodeId"))).findFirst().orElseThrow();
            assertEquals(true, String.valueOf(firstNode.get("agentVersion")).matches("\\d+\\.\\d+\\.\\d+.*"), firstNode.toString());
            assertEquals(null, firstNode.get("release"));

            BucketViews.BucketInfo held = Eventually.await(WAIT, () -> info(bucket), info -> info.objects() == 3,
                    "the first agent's 3 objects");
            assertEquals(3000, held.bytes());

            List<VolumeViews.QuotaView> measured = Eventually.await(WAIT,
                    () -> http.toBlocking().retrieve(asAdmin(HttpRequest.GET(quotas)), Argument.listOf(VolumeViews.QuotaView.class)),
                    list -> list.get(0).usedSize() != null, "the agent's report of /home/ann");
            assertEquals(5000, measured.get(0).usedSize());
            assertEquals(3, measured.get(0).usedInodes(), "two files and the photos directory");
            assertEquals(Boolean.TRUE, measured.get(0).exceeded());

            // Objects removed on disk leave the bucket at the next scans; the emptied bucket may be deleted.
            for (int i = 0; i < 3; i++) {
                Files.delete(first.dataDir().resolve("buckets/" + bucket + "/object-" + i));
            }
            assertEquals(1000, Eventually.await(WAIT, () -> info(bucket), info -> info.objects() == 1, "the second agent's one object").bytes());
            Files.delete(second.dataDir().resolve("buckets/" + bucket + "/object-0"));
            Eventually.await(WAIT, () -> info(bucket), info -> info.objects() == 0, "an empty bucket");
            http.toBlocking().exchange(asAdmin(HttpRequest.DELETE("/v0/bucket?id=" + bucket)));
        }
    }
}
