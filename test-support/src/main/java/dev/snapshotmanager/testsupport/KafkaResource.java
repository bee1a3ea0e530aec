package dev.snapshotmanager.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the JVM's one real Kafka broker ({@link TestKafka}).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", TestKafka.get().bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker outlives the application: other test classes of this JVM use it too.
    }
}
