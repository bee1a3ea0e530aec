package dev.snapshotmanager.run;

import dev.snapshotmanager.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * A second real Kafka broker (KRaft, one node), private to one test, that the test may take down and bring back. The
 * JVM's shared {@code TestKafka} is never stopped: every test class uses it. The broker restarts on the same port
 * (the test kit re-binds its listener port), so a producer made before the outage finds it again, as a service's
 * long-lived producer would.
 */
final class OutageBroker implements AutoCloseable {

    private final Path directory;
    private final KafkaClusterTestKit cluster;

    private OutageBroker(Path directory, KafkaClusterTestKit cluster) {
        this.directory = directory;
        this.cluster = cluster;
    }

    static OutageBroker start(List<String> topics) throws Exception {
        // our own directory, deleted after close (the kit's default one races the broker's shutdown)
        Path directory = Files.createTempDirectory("run-service-outage-kafka-");
        KafkaClusterTestKit cluster = TestKafka.singleNode(directory).build();
        OutageBroker broker = new OutageBroker(directory, cluster);
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = broker.admin()) {
                admin.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
            }
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The outage: the broker stops listening (its controller and its log stay). */
    void stopBroker() {
        cluster.brokers().values().forEach(kafka.server.BrokerServer::shutdown);
    }

    /** The broker is back, on the same port, with its log. */
    void startBroker() {
        cluster.brokers().values().forEach(kafka.server.BrokerServer::startup);
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
