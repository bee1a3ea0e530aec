package dev.snapshotmanager.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code snapshot.run-lifecycle.v1} the way a monitoring system would: a plain Kafka consumer with string
 * deserializers, the CloudEvents attributes from the {@code ce_*} headers (binary mode), the payload as JSON. It
 * uses nothing of the suite's code, so it sees the contract, not our serde.
 */
final class LifecycleMonitor {

    static final String TOPIC = "snapshot.run-lifecycle.v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL_EVENTS = Set.of("COMPLETED", "PARTIAL", "FAILED", "CANCELLED", "SKIPPED",
            "MISSED");

    /** One record of the topic. */
    record Event(String key, List<Header> headers, JsonNode payload) {

        String header(String name) {
            for (int i = headers.size() - 1; i >= 0; i--) {
                if (headers.get(i).key().equals(name)) {
                    return new String(headers.get(i).value(), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        String id() {
            return header("ce_id");
        }
    }

    private LifecycleMonitor() {
    }

    /** Every event of one run from the start of the topic, up to its final one (or until {@code atMost}). */
    static List<Event> readUntilFinal(String bootstrap, String runId, Duration atMost) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!runId.equals(record.key())) {
                        continue;
                    }
                    Event event = new Event(record.key(), List.of(record.headers().toArray()), parse(record.value()));
                    events.add(event);
                    if (FINAL_EVENTS.contains(event.payload().path("event").asText())) {
                        return events;
                    }
                }
            }
        }
        return events;
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a lifecycle event that is not JSON: " + value, e);
        }
    }
}
