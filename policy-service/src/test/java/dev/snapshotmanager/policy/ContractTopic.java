package dev.snapshotmanager.policy;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The real broker's topic of one event type, as the services see it: read from the beginning for a key, or sent to. */
public final class ContractTopic {

    private ContractTopic() {
    }

    /**
     * Waits until {@code count} events with this key arrived (in order) and returns them (fewer on timeout). Each must
     * carry CloudEvents headers of the topic's event type.
     */
    public static <T> List<T> await(EventType eventType, String key, int count, Duration timeout) {
        @SuppressWarnings("unchecked")
        Class<T> payload = (Class<T>) eventType.payloadClass();
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.get().consumer("test-", new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(eventType.topic()));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(r.key()) && r.value() != null) {
                        String type = CloudEventHeaders.read(r.headers()).map(CloudEventAttributes::type)
                                .orElseThrow(() -> new AssertionError("event without CloudEvents headers"));
                        if (!eventType.type().equals(type)) {
                            throw new AssertionError("unexpected CloudEvents type " + type);
                        }
                        found.add(EventJson.fromJson(r.value(), payload));
                    }
                }
            }
        }
        return found;
    }

    /** Sends one record (payload null = tombstone) to the event type's topic, with CloudEvents headers, and waits. */
    public static void send(EventType eventType, String key, Object payload) {
        send(eventType, null, key, payload);
    }

    /** {@link #send(EventType, String, Object)} to one partition (null: by key), so that records stay in order. */
    public static void send(EventType eventType, Integer partition, String key, Object payload) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(eventType.topic(), partition, key,
                    payload == null ? null : EventJson.toBytes(payload));
            CloudEventHeaders.write(record.headers(), CloudEventAttributes.of(eventType,
                    UUID.randomUUID().toString(), "/snapshot-manager/test", key, Instant.now()));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
