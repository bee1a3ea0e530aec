package dev.snapshotmanager.worker.support;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes a topic of the real broker from tests. */
public final class Topic {

    /** A record as read: key, CloudEvents attributes and payload ({@code null} for a tombstone). */
    public record Read<T>(String key, CloudEventAttributes attributes, T payload) {
    }

    private Topic() {
    }

    /** Reads the whole topic until {@code done} holds for the matching records or the timeout passes. */
    public static <T> List<Read<T>> read(String topic, Class<T> type, Predicate<Read<T>> filter,
                                         Predicate<List<Read<T>>> done, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Read<T>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    T payload;
                    try {
                        payload = r.value() == null ? null : EventJson.fromJson(r.value(), type);
                    } catch (RuntimeException unreadable) {
                        continue; // a poison message published by a test
                    }
                    Read<T> read = new Read<>(r.key(), CloudEventHeaders.read(r.headers()).orElse(null), payload);
                    if (filter.test(read)) {
                        found.add(read);
                    }
                }
                if (done.test(found)) {
                    return found;
                }
            }
        }
        return found;
    }

    /** Publishes a payload with CloudEvents headers. */
    public static void publish(String topic, String key, Object payload, CloudEventAttributes attributes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            RecordHeaders headers = new RecordHeaders();
            CloudEventHeaders.write(headers, attributes);
            producer.send(new ProducerRecord<>(topic, null, key, EventJson.toBytes(payload), headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until consumer group {@code group} has committed, on every partition of {@code topic}, the topic's end
     * offset as it is now: every record published so far has been processed and acknowledged by the application.
     */
    public static void awaitConsumed(String group, String topic, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                    p -> OffsetSpec.latest()))).all().get().forEach((p, o) -> ends.put(p, o.offset()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done = ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || (committed.get(e.getKey())
                        != null && committed.get(e.getKey()).offset() >= e.getValue()));
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + group + " has not consumed " + topic + " up to " + ends
                            + " within " + timeout + ": committed " + committed);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
