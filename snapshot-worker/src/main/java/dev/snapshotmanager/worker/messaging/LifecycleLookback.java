package dev.snapshotmanager.worker.messaging;

import dev.snapshotmanager.worker.config.WorkerConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Where an instance starts reading {@code snapshot.run-lifecycle.v1}: each start is a new consumer group (every
 * instance must see every run that run-service finishes, cancelled or otherwise), positioned at the first event of
 * the last {@code cancellation-lookback} (at the end when there is none). Starting at the end missed every such
 * event published before the start, so an instance added by the autoscaler, or restarted, went on creating snapshots
 * for a cancelled (or failed) run.
 */
@ApplicationScoped
@Identifier(LifecycleLookback.NAME)
public class LifecycleLookback implements KafkaConsumerRebalanceListener {

    static final String NAME = "run-lifecycle-lookback";

    private static final Logger LOG = Logger.getLogger(LifecycleLookback.class);

    private final WorkerConfig config;

    public LifecycleLookback(WorkerConfig config) {
        this.config = config;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long from = Instant.now().minus(config.cancellationLookback()).toEpochMilli();
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> from)));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp first = offsets.get(partition);
            if (first == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, first.offset());
            }
        }
        LOG.debugf("Reading run lifecycle events of %s from %s", partitions, Instant.ofEpochMilli(from));
    }
}
