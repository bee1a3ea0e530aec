package dev.snapshotmanager.policy;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumePoliciesV1;
import dev.snapshotmanager.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads snapshot.volume-policies.v1 on the real broker, from the beginning, for one key (volume id). */
public final class VolumePoliciesTopic {

    private VolumePoliciesTopic() {
    }

    /** Waits until {@code count} events with this key arrived (in order) and returns them (fewer on timeout). */
    public static List<VolumePoliciesV1> await(String volumeId, int count, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<VolumePoliciesV1> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.VOLUME_POLICIES));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (volumeId.equals(r.key()) && r.value() != null) {
                        String type = CloudEventHeaders.read(r.headers()).map(CloudEventAttributes::type)
                                .orElseThrow(() -> new AssertionError("event without CloudEvents headers"));
                        if (!EventType.VOLUME_POLICIES.type().equals(type)) {
                            throw new AssertionError("unexpected CloudEvents type " + type);
                        }
                        found.add(EventJson.fromJson(r.value(), VolumePoliciesV1.class));
                    }
                }
            }
        }
        return found;
    }
}
