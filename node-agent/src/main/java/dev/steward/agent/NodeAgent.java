package dev.steward.agent;

import dev.steward.agent.usage.UsageReports;
import dev.steward.agent.usage.UsageScanner;

import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * {@code java -jar node-agent.jar}: the process on each storage node. It keeps its node id across
 * restarts (the key in its data directory), answers cluster-service's connect handshake, beats, and
 * carries out the tasks jobs-service sends it (a reboot restarts the storage process it supervises,
 * an update installs a package and restarts it on the new release), and reports what the node holds
 * for each bucket and volume ({@link UsageReports}).
 * Configuration: {@link AgentConfig}. Prints its node id and address once listening, so a script
 * can connect it ({@code POST /v0/connect} with {@code <node id>@<host>:<port>}).
 */
public final class NodeAgent implements AutoCloseable {

    static final String VERSION = NodeAgent.class.getPackage().getImplementationVersion() == null
            ? "dev" : NodeAgent.class.getPackage().getImplementationVersion();

    private final NodeIdentity identity;
    private final IdentityServer server;
    private final Heartbeats heartbeats;
    private final UsageReports usage;
    private final StorageProcess storage;
    private final TaskRunner tasks;
    private final org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer;

    NodeAgent(AgentConfig config) throws IOException, GeneralSecurityException {
        this.identity = NodeIdentity.loadOrCreate(config.dataDir());
        this.server = new IdentityServer(config.bind(), config.port(), identity, VERSION);
        this.producer = AgentProducer.create(config);
        this.storage = new StorageProcess(config.storageCommand(), config.dataDir(), java.time.Duration.ofMillis(500));
        dev.steward.agent.update.UpdateInstaller installer = new dev.steward.agent.update.UpdateInstaller(config.dataDir(),
                config.updateKey(), storage::restart, config.checkTimeout(), config.packageLimit());
        dev.steward.agent.update.UpdateTask update = new dev.steward.agent.update.UpdateTask(
                new dev.steward.agent.update.PackageDownload(config.gateway(), config.token(), config.packageLimit()),
                installer, config.dataDir());
        this.heartbeats = new Heartbeats(config, identity, VERSION, installer::currentVersion, producer);
        UsageScanner.Limits defaults = UsageScanner.Limits.DEFAULT;
        this.usage = new UsageReports(identity, new UsageScanner(config.dataDir(), new UsageScanner.Limits(
                defaults.maxTargets(), config.usageMaxFiles(), defaults.volumeDepth(), defaults.maxDirsPerVolume())),
                config.usageInterval(), producer);
        this.tasks = new TaskRunner(config, identity, storage, update, producer);
    }

    void start() throws IOException {
        storage.start();
        tasks.start();
        server.start();
        heartbeats.start();
        usage.start();
    }

    String nodeId() {
        return identity.nodeId();
    }

    int port() {
        return server.port();
    }

    public static void main(String[] args) throws Exception {
        AgentConfig config;
        try {
            config = AgentConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("node-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        NodeAgent agent = new NodeAgent(config);
        agent.start();
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
        System.out.println("node-agent " + agent.nodeId() + " listening on " + config.bind() + ":" + agent.port()
                + " (data " + config.dataDir() + ", zone " + config.zone() + ")");
        System.out.flush();
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        heartbeats.close();
        usage.close();
        tasks.close();
        server.close();
        storage.close();
        producer.close(java.time.Duration.ofSeconds(2));
    }
}
