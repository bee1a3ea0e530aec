package dev.snapshotmanager.run.messaging;

import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.run.service.PolicyProjection;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the schedule projection from the compacted policy-changed topic; a tombstone (null value) deletes the set
 * named by the key. Poison records go to the dead-letter topic.
 */
@ApplicationScoped
public class PolicyChangedConsumer {

    @Inject
    PolicyProjection projection;

    @Incoming("policy-changed")
    @Blocking
    public void changed(ConsumerRecord<String, PolicyChangedV1> record) {
        if (record.value() == null && !Poison.failedDeserialization(record) && record.key() != null) {
            projection.tombstone(UUID.fromString(record.key()));
            return;
        }
        projection.apply(Poison.requireValue(record));
    }
}
