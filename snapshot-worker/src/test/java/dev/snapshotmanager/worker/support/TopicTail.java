package dev.snapshotmanager.worker.support;

import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a topic of the real broker from its current end (every partition, no consumer group), collecting in the
 * background what is published after {@link #follow} returned, with the time each record was seen.
 */
public final class TopicTail<T> implements AutoCloseable {

    /** A record and when this tail saw it. */
    public record Seen<T>(Topic.Read<T> read, Instant seenAt) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Class<T> type;
    private final List<Seen<T>> seen = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private TopicTail(String topic, Class<T> type) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.type = type;
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is published
        this.poller = new Thread(this::poll, "tail-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    public static <T> TopicTail<T> follow(String topic, Class<T> type) {
        return new TopicTail<>(topic, type);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    T payload;
                    try {
                        payload = r.value() == null ? null : EventJson.fromJson(r.value(), type);
                    } catch (RuntimeException unreadable) {
                        continue;
                    }
                    Topic.Read<T> read = new Topic.Read<>(r.key(), CloudEventHeaders.read(r.headers()).orElse(null),
                            payload);
                    synchronized (seen) {
                        seen.add(new Seen<>(read, Instant.now()));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    /** The records seen so far that match. */
    public List<Seen<T>> seen(Predicate<Topic.Read<T>> filter) {
        synchronized (seen) {
            return seen.stream().filter(s -> filter.test(s.read())).toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(10_000);
    }
}
