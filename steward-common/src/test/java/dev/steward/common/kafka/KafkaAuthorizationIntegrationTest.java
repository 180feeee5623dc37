package dev.steward.common.kafka;

import dev.steward.common.event.Topics;
import dev.steward.testing.KafkaAccess;
import dev.steward.testing.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each principal may do on the real test broker, as an attacker on the network would try it:
 * nobody gets in without a password, and a principal that has one can do only what
 * deploy/kafka/acls.tsv grants (a forged restore decision, node task or another service's event
 * is refused by the broker).
 */
class KafkaAuthorizationIntegrationTest {

    private final KafkaAccess kafka = TestInfrastructure.get().kafka();

    /** The services create their topics when they start; agents and outside consumers may not. */
    @BeforeAll
    static void topicsExist() throws Exception {
        KafkaAccess kafka = TestInfrastructure.get().kafka();
        try (Admin admin = Admin.create(kafka.client(KafkaAccess.ADMIN))) {
            for (String topic : List.of(Topics.CLUSTER_EVENTS, Topics.IDENTITY_EVENTS, Topics.JOBS_EVENTS, Topics.JOBS_NODE_TASKS,
                    Topics.JOBS_NODE_TASK_RESULTS, Topics.JOBS_BACKUP_REQUESTS, Topics.JOBS_BACKUP_PARTS, Topics.CLUSTER_HEARTBEATS,
                    Topics.CLUSTER_NODE_USAGE)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(20, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /** @return null when the broker took the record, otherwise why not */
    private static Throwable send(Map<String, Object> client, String topic) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "attack", ("{\"forged\":\"" + UUID.randomUUID() + "\"}")
                    .getBytes(StandardCharsets.UTF_8))).get(15, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    /** @return null when polling the topic was allowed, otherwise why not */
    private static Throwable read(Map<String, Object> client, String topic, String group) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200));
                if (!consumer.assignment().isEmpty()) {
                    return null;
                }
            }
            return new AssertionError("no partitions assigned within 10 s");
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * What the broker says {@code principal} may do on {@code topic}. Asked, not tried: a record
     * written to a shared topic would reach the other tests' consumers.
     */
    private Set<AclOperation> allowed(String principal, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.client(principal))) {
            TopicDescription description = admin.describeTopics(List.of(topic), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                    .allTopicNames().get(20, TimeUnit.SECONDS).get(topic);
            return description.authorizedOperations();
        }
    }

    private void refused(String principal, String topic) {
        Throwable refusal = send(kafka.client(principal), topic);
        assertInstanceOf(TopicAuthorizationException.class, refusal, principal + " writing " + topic + ": " + refusal);
    }

    @Test
    void theBrokerTakesNoAnonymousClient() {
        assertTrue(kafka.authenticated(), "scripts/infra.sh starts the test broker with SASL: " + kafka.protocol());
        // Nothing below is written: every attempt is refused before a record reaches a topic.
        Map<String, Object> anonymous = Map.of("bootstrap.servers", kafka.bootstrapServers(), "security.protocol", "PLAINTEXT");
        Throwable refusal = send(anonymous, Topics.JOBS_BACKUP_REQUESTS);
        assertInstanceOf(TimeoutException.class, refusal, "a plaintext client never gets metadata: " + refusal);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Throwable refusal = send(kafka.clientWithPassword("jobs", "guessed"), Topics.JOBS_BACKUP_REQUESTS);
        assertInstanceOf(SaslAuthenticationException.class, refusal, String.valueOf(refusal));
    }

    @Test
    void onlyJobsServiceWritesNodeTasksAndBackupRequests() throws Exception {
        assertTrue(allowed("jobs", Topics.JOBS_NODE_TASKS).contains(AclOperation.WRITE), "jobs-service sends node tasks");
        assertTrue(allowed("jobs", Topics.JOBS_BACKUP_REQUESTS).contains(AclOperation.WRITE),
                "jobs-service sends backup requests and restore decisions");
        for (String principal : List.of("cluster", "identity", "gateway", "agent", "consumer")) {
            refused(principal, Topics.JOBS_NODE_TASKS);
            refused(principal, Topics.JOBS_BACKUP_REQUESTS);
        }
    }

    @Test
    void agentsWriteOnlyHeartbeatsUsageAndTaskResults() throws Exception {
        assertEquals(Set.of(AclOperation.WRITE, AclOperation.DESCRIBE), allowed("agent", Topics.CLUSTER_HEARTBEATS));
        assertEquals(Set.of(AclOperation.WRITE, AclOperation.DESCRIBE), allowed("agent", Topics.CLUSTER_NODE_USAGE));
        assertEquals(Set.of(AclOperation.WRITE, AclOperation.DESCRIBE), allowed("agent", Topics.JOBS_NODE_TASK_RESULTS));
        assertEquals(Set.of(AclOperation.READ, AclOperation.DESCRIBE), allowed("agent", Topics.JOBS_NODE_TASKS));
        for (String topic : List.of(Topics.CLUSTER_EVENTS, Topics.IDENTITY_EVENTS, Topics.JOBS_EVENTS, Topics.JOBS_BACKUP_PARTS)) {
            refused("agent", topic);
        }
    }

    @Test
    void aServiceCannotPublishAnotherServicesEvents() {
        refused("identity", Topics.CLUSTER_EVENTS);
        refused("cluster", Topics.IDENTITY_EVENTS);
        refused("cluster", Topics.JOBS_EVENTS);
        refused("gateway", Topics.IDENTITY_EVENTS);
        refused("cluster", Topics.JOBS_NODE_TASK_RESULTS);
    }

    @Test
    void eachPrincipalReadsOnlyWhatItConsumes() {
        assertNull(read(kafka.client("consumer"), Topics.JOBS_EVENTS, "consumer.dashboard-" + UUID.randomUUID()),
                "outside consumers read job events");
        Throwable backupData = read(kafka.client("consumer"), Topics.JOBS_BACKUP_PARTS, "consumer.thief-" + UUID.randomUUID());
        assertInstanceOf(TopicAuthorizationException.class, backupData, "backup parts carry every service's data: " + backupData);
        Throwable identityFacts = read(kafka.client("agent"), Topics.IDENTITY_EVENTS, "node-agent.thief-" + UUID.randomUUID());
        assertInstanceOf(TopicAuthorizationException.class, identityFacts, String.valueOf(identityFacts));
        Throwable foreignGroup = read(kafka.client("agent"), Topics.JOBS_NODE_TASKS, "jobs-service.node-task-results");
        assertTrue(foreignGroup != null && foreignGroup.getClass().getSimpleName().equals("GroupAuthorizationException"),
                "an agent cannot join a service's consumer group (and steal its partitions): " + foreignGroup);
    }

    @Test
    void theGrantedTableKeepsTheWritersOfTasksAndDecisionsToJobsService() throws Exception {
        List<String[]> grants = AclTable.read();
        assertTrue(grants.size() > 30, grants.size() + " grants");
        for (String[] grant : grants) {
            boolean writes = grant[4].contains("Write");
            if (writes && (grant[3].equals(Topics.JOBS_NODE_TASKS) || grant[3].equals(Topics.JOBS_BACKUP_REQUESTS))) {
                assertEquals("jobs", grant[0], String.join(" ", grant));
            }
            if (grant[0].equals("agent") && writes) {
                assertTrue(List.of(Topics.CLUSTER_HEARTBEATS, Topics.CLUSTER_NODE_USAGE, Topics.JOBS_NODE_TASK_RESULTS).contains(grant[3]), String.join(" ", grant));
            }
            assertTrue(!grant[3].equals("*") && !grant[1].equalsIgnoreCase("cluster"), "no wildcard or cluster-wide grant: " + String.join(" ", grant));
        }
    }

    /** deploy/kafka/acls.tsv, the table scripts/infra.sh grants. */
    private static final class AclTable {
        static List<String[]> read() throws java.io.IOException {
            for (java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                java.nio.file.Path table = dir.resolve("deploy/kafka/acls.tsv");
                if (java.nio.file.Files.isRegularFile(table)) {
                    return java.nio.file.Files.readAllLines(table).stream().map(String::strip)
                            .filter(line -> !line.isEmpty() && !line.startsWith("#")).map(line -> line.split("\\s+")).toList();
                }
            }
            throw new IllegalStateException("deploy/kafka/acls.tsv not found");
        }
    }
}
