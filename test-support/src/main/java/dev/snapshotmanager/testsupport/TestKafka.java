package dev.snapshotmanager.testsupport;

import dev.snapshotmanager.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Apache Kafka broker per test JVM: a single combined broker+controller node in KRaft mode, from the
 * Kafka artifacts on Maven Central ({@code kafka-test-common-runtime}), listening on a free port.
 *
 * <p>When {@code SNAPSHOT_TEST_KAFKA_BOOTSTRAP} names an external broker, it is used instead and nothing is
 * started. Like {@link TestPostgres}, the bootstrap address is kept in a system property so that every class
 * loader of the JVM shares the one broker.
 */
public final class TestKafka {

    private static final String PROP_BOOTSTRAP = "snapshot.test.kafka.bootstrap";

    private static KafkaClusterTestKit cluster;
    private static Path logDirectory;

    private final String bootstrapServers;

    private TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this JVM, started on first use. */
    public static synchronized TestKafka get() {
        String known = System.getProperty(PROP_BOOTSTRAP);
        if (known == null) {
            String external = System.getenv("SNAPSHOT_TEST_KAFKA_BOOTSTRAP");
            if (external != null && !external.isBlank()) {
                System.out.println("[test-support] using external Kafka at " + external);
                known = external;
            } else {
                known = startEmbedded();
            }
            System.setProperty(PROP_BOOTSTRAP, known);
        }
        return new TestKafka(known);
    }

    /**
     * A single combined KRaft node (broker + controller) with every replication setting at 1, in {@code directory}
     * (which the caller deletes after close: the kit's own temp directory is removed by a shutdown hook that can race
     * the broker's shutdown and halt the JVM). Add settings and {@code build()}; then format, start up, wait.
     */
    public static KafkaClusterTestKit.Builder singleNode(Path directory) {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBaseDirectory(directory)
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        return new KafkaClusterTestKit.Builder(nodes)
                .setDeleteOnClose(false)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("default.replication.factor", "1")
                .setConfigProp("min.insync.replicas", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0");
    }

    private static String startEmbedded() {
        long started = System.nanoTime();
        try {
            // Our own directory, deleted only after the broker stopped: the kit's default temp directory is removed
            // by a shutdown hook of its own that can race the broker's shutdown and make it halt the JVM.
            logDirectory = Files.createTempDirectory("snapshot-test-kafka-");
            cluster = singleNode(logDirectory)
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stopEmbedded, "test-kafka-stop"));
        String bootstrap = cluster.bootstrapServers();
        new TestKafka(bootstrap).createContractTopics();
        System.out.printf("[test-support] Kafka (KRaft) started at %s in %d ms%n",
                bootstrap, Duration.ofNanos(System.nanoTime() - started).toMillis());
        return bootstrap;
    }

    private static void stopEmbedded() {
        try {
            if (cluster != null) {
                cluster.close();
            }
            if (logDirectory != null) {
                try (Stream<Path> paths = Files.walk(logDirectory)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (Exception e) {
            System.err.println("[test-support] Kafka did not stop cleanly: " + e.getMessage());
        }
    }

    /**
     * Creates the event contract's topics as production has them: the compacted ones compacted, the others with
     * a few partitions so that per-key ordering (not global ordering) is what tests rely on.
     */
    public void createContractTopics() {
        for (String topic : List.of(Topics.RUN_REQUESTED, Topics.VOLUME_TASKS, Topics.RUN_PLANNED,
                Topics.RUN_HEARTBEATS, Topics.VOLUME_RESULTS, Topics.RUN_LIFECYCLE)) {
            createTopic(topic, 3, false);
            createTopic(Topics.deadLetter(topic), 1, false);
        }
        for (String topic : List.of(Topics.POLICY_CHANGED, Topics.VOLUME_INVENTORY, Topics.VOLUME_POLICIES)) {
            createTopic(topic, topic.equals(Topics.POLICY_CHANGED) ? 1 : 3, true);
            createTopic(Topics.deadLetter(topic), 1, false);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topic unless it exists; {@code compacted} sets {@code cleanup.policy=compact}. */
    public void createTopic(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1);
        if (compacted) {
            topic.configs(Map.of("cleanup.policy", "compact"));
        }
        try (Admin admin = admin()) {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /**
     * A consumer of this broker in a new group ({@code groupPrefix} + a random suffix) that reads from the earliest
     * offset, with string keys; the caller subscribes and closes it.
     */
    public <V> KafkaConsumer<String, V> consumer(String groupPrefix, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }
}
