package dev.snapshotmanager.policy.messaging;

import dev.snapshotmanager.common.messaging.DatabaseRetry;
import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.CompactedKeys;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.policy.service.InventoryService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code snapshot.volume-inventory.v1} (compacted, keyed by volume id) into the volume projection. A failing
 * record, also a volume filed under another key than its id ({@link CompactedKeys}), goes to the dead-letter topic;
 * consumption never stops. While PostgreSQL is away, a record is applied again until it is taken
 * ({@link DatabaseRetry}), so that no volume is lost to the projection.
 */
@ApplicationScoped
public class VolumeInventoryConsumer {

    @Inject
    InventoryService inventory;

    @Inject
    DatabaseRetry retry;

    @Incoming("volume-inventory")
    @Blocking
    public void consume(ConsumerRecord<String, VolumeInventoryV1> record) throws Exception {
        if (record.value() != null) {
            CompactedKeys.require(record.topic(), record.key(), record.value().volumeId());
        }
        String cloudEventId = CloudEventHeaders.read(record.headers()).map(CloudEventAttributes::id).orElse(null);
        String eventId = record.value() == null && cloudEventId != null ? "tombstone:" + cloudEventId : cloudEventId;
        retry.run("volume-inventory", () -> inventory.apply(record.key(), record.value(), eventId));
    }
}
