package dev.snapshotmanager.run.messaging;

import dev.snapshotmanager.events.Topics;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the worker's reports (heartbeats, plans, results) already on Kafka have been applied: the stale-run sweep
 * must not judge a run silent on data its consumers have not caught up on (after an outage or a lag of this service
 * or its database, the topics hold the heartbeats that keep the runs alive).
 *
 * <p>It compares the consumer group's committed offsets with the end offsets of every partition of the report topics,
 * not only the partitions assigned to this replica: each replica's sweep judges every run, whichever replica consumes
 * its reports. The committed offset is what was processed (the throttled commit strategy commits processed records
 * only, a few seconds later), so a report polled but not applied yet (the database away) still counts as behind. The
 * end offsets are taken once; the group has caught up when its committed offsets reach them (records arriving
 * meanwhile do not keep it behind).
 */
@ApplicationScoped
public class ReportsBacklog {

    /** The channels whose reports are signs of life of a run, with their topics. */
    static final Map<String, String> CHANNELS = Map.of("run-heartbeats", Topics.RUN_HEARTBEATS,
            "run-planned", Topics.RUN_PLANNED, "volume-results", Topics.VOLUME_RESULTS);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(250);

    @Inject
    KafkaClientService kafka;

    /**
     * Waits up to {@code wait} for the report consumers to apply what the report topics hold now.
     *
     * @return empty when caught up, else what is behind (for the log)
     */
    public Optional<String> awaitCaughtUp(Duration wait) {
        Map<String, Map<TopicPartition, Long>> targets = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> channel : CHANNELS.entrySet()) {
                KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel.getKey());
                if (consumer == null) {
                    return Optional.of("the consumer of channel " + channel.getKey() + " is not running");
                }
                targets.put(channel.getKey(), consumer.runOnPollingThread(c -> {
                    Set<TopicPartition> partitions = c.partitionsFor(channel.getValue()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
                    return c.endOffsets(partitions);
                }).await().atMost(KAFKA_TIMEOUT));
            }
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                List<String> behind = behind(targets);
                if (behind.isEmpty()) {
                    return Optional.empty();
                }
                if (System.nanoTime() - deadline >= 0) {
                    return Optional.of("unapplied reports on " + String.join(", ", behind));
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (RuntimeException e) {
            return Optional.of("the offsets of the report topics could not be read: " + e);
        }
    }

    /** {@code topic-partition (n)} for each partition whose committed offset is short of its target by n records. */
    private List<String> behind(Map<String, Map<TopicPartition, Long>> targets) {
        List<String> behind = new ArrayList<>();
        for (Map.Entry<String, Map<TopicPartition, Long>> channel : targets.entrySet()) {
            Map<TopicPartition, Long> ends = channel.getValue();
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel.getKey());
            Map<TopicPartition, Long> committed = consumer.runOnPollingThread(c -> {
                Map<TopicPartition, OffsetAndMetadata> offsets = c.committed(ends.keySet());
                Map<TopicPartition, Long> beginnings = c.beginningOffsets(ends.keySet());
                Map<TopicPartition, Long> applied = new LinkedHashMap<>();
                // no committed offset yet: consumption starts at the beginning (auto.offset.reset=earliest)
                ends.keySet().forEach(tp -> applied.put(tp, offsets.get(tp) != null ? offsets.get(tp).offset()
                        : beginnings.getOrDefault(tp, 0L)));
                return applied;
            }).await().atMost(KAFKA_TIMEOUT);
            ends.forEach((tp, end) -> {
                long lag = end - committed.get(tp);
                if (lag > 0) {
                    behind.add(tp + " (" + lag + ")");
                }
            });
        }
        return behind;
    }
}
