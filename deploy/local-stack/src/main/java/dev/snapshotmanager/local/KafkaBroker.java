package dev.snapshotmanager.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker + controller node) in a child JVM, from the Kafka
 * jars the build copied to {@code deploy/local-stack/target/lib}. Its log directory is formatted once and kept in
 * {@code .local/data/kafka}; the contract's topics are created on the first readiness.
 */
final class KafkaBroker implements Component {

    private final StackLayout layout;
    private final StackSettings settings;
    private ChildProcess process;
    private boolean topicsCreated;

    KafkaBroker(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    /** server.properties of the single node. */
    static String serverProperties(StackSettings settings, Path logDir) {
        int port = settings.kafkaPort();
        int controller = settings.kafkaControllerPort();
        return String.join("\n",
                "# written by ./snapshot-manager up",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controller,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controller,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=3",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.retention.hours=168",
                "log.segment.bytes=67108864",
                "") ;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void start() throws Exception {
        Path dir = layout.data("kafka");
        Path logDir = dir.resolve("logs");
        Files.createDirectories(logDir);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(settings, logDir));
        String classpath = layout.launcherLib().toAbsolutePath() + "/*";
        List<String> jvm = List.of(ChildProcess.java(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn", "-cp", classpath);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            List<String> format = new java.util.ArrayList<>(jvm);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--ignore-formatted"));
            ChildProcess formatter = ChildProcess.start("kafka-format", format, java.util.Map.of(), dir,
                    layout.log(name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (formatter.alive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                throw new IllegalStateException("kafka storage format failed, see " + layout.log(name()));
            }
        }
        List<String> run = new java.util.ArrayList<>(jvm);
        run.addAll(List.of("kafka.Kafka", config.toString()));
        process = ChildProcess.start(name(), run, java.util.Map.of(), dir, layout.log(name()));
    }

    @Override
    public boolean ready() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            if (!topicsCreated) {
                Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
                List<NewTopic> missing = TopicPlan.all().stream().filter(t -> !existing.contains(t.name()))
                        .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs())).toList();
                if (!missing.isEmpty()) {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                }
                topicsCreated = true;
            }
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public boolean alive() {
        return process != null && process.alive();
    }

    @Override
    public long pid() {
        return process == null ? 0 : process.pid();
    }

    @Override
    public String probe() {
        return "kafka://" + settings.kafkaBootstrap();
    }

    @Override
    public String where() {
        return settings.kafkaBootstrap() + " (KRaft, " + TopicPlan.all().size() + " topics)";
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}
