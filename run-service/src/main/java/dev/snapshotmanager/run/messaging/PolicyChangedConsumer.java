package dev.snapshotmanager.run.messaging;

import dev.snapshotmanager.common.messaging.DatabaseRetry;
import dev.snapshotmanager.events.CompactedKeys;
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
 * named by the key. Poison records (also a change filed under another key than its set's id, see {@link CompactedKeys})
 * go to the dead-letter topic; while PostgreSQL is away, the change is applied again
 * until it is taken ({@link DatabaseRetry}), so that no policy change is lost to the schedule.
 */
@ApplicationScoped
public class PolicyChangedConsumer {

    @Inject
    PolicyProjection projection;

    @Inject
    DatabaseRetry retry;

    @Incoming("policy-changed")
    @Blocking
    public void changed(ConsumerRecord<String, PolicyChangedV1> record) throws Exception {
        if (record.value() == null && !Poison.failedDeserialization(record) && record.key() != null) {
            UUID policySetId = UUID.fromString(record.key());
            retry.run("policy-changed", () -> projection.tombstone(policySetId));
            return;
        }
        PolicyChangedV1 event = Poison.requireValue(record);
        CompactedKeys.require(record.topic(), record.key(), event.policySetId());
        retry.run("policy-changed", () -> projection.apply(event));
    }
}
