package dev.snapshotmanager.local;

import dev.snapshotmanager.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of the event contract as the local stack creates them (the Kubernetes production overlay
 * declares the same as Strimzi KafkaTopic resources): compacted topics compacted, volume tasks spread over
 * several partitions so that several executors share the work, every consumed topic with its dead-letter topic.
 */
public final class TopicPlan {

    /**
     * One topic.
     *
     * @param retention how long records are kept (null: compacted, kept until overwritten or tombstoned)
     */
    public record TopicSpec(String name, int partitions, boolean compacted, Duration retention) {

        /** Topic configuration as Kafka names it. */
        public Map<String, String> configs() {
            return compacted ? Map.of("cleanup.policy", "compact")
                    : Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
        }
    }

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    private TopicPlan() {
    }

    /** Every topic, dead-letter topics included. */
    public static List<TopicSpec> all() {
        List<TopicSpec> main = List.of(
                new TopicSpec(Topics.RUN_REQUESTED, 3, false, WEEK),
                new TopicSpec(Topics.VOLUME_TASKS, 12, false, WEEK),
                new TopicSpec(Topics.RUN_PLANNED, 3, false, WEEK),
                new TopicSpec(Topics.RUN_HEARTBEATS, 3, false, DAY),
                new TopicSpec(Topics.VOLUME_RESULTS, 6, false, WEEK),
                new TopicSpec(Topics.RUN_LIFECYCLE, 3, false, MONTH),
                new TopicSpec(Topics.POLICY_CHANGED, 1, true, null),
                new TopicSpec(Topics.VOLUME_INVENTORY, 6, true, null),
                new TopicSpec(Topics.VOLUME_POLICIES, 6, true, null));
        List<TopicSpec> all = new ArrayList<>(main);
        for (TopicSpec topic : main) {
            all.add(new TopicSpec(Topics.deadLetter(topic.name()), 1, false, MONTH));
        }
        return all;
    }
}
