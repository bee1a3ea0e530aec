package dev.snapshotmanager.audit.messaging;

import dev.snapshotmanager.audit.repository.ProjectionWriter;
import dev.snapshotmanager.common.messaging.DatabaseRetry;
import dev.snapshotmanager.events.CompactedKeys;
import dev.snapshotmanager.events.ExpectedPolicy;
import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.events.VolumePoliciesV1;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Builds the compliance projections from the compacted topics (read from the beginning, so a new instance rebuilds
 * them). A tombstone (null value) deletes; an unreadable or unusable value, or one filed under another key than its own
 * id ({@link CompactedKeys}), goes to the dead-letter topic. A write
 * PostgreSQL does not take (an outage, a failover) is repeated until it does ({@link DatabaseRetry}), so that no
 * event is dead-lettered, and lost to the projection, because the database was away.
 */
@ApplicationScoped
public class ProjectionConsumers {

    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    @Inject
    ProjectionWriter writer;

    @Inject
    DatabaseRetry retry;

    @Incoming("policy-changed")
    @Blocking
    public void policyChanged(ConsumerRecord<String, PolicyChangedV1> record) throws Exception {
        requireReadable(record);
        PolicyChangedV1 event = record.value();
        if (event != null) {
            CompactedKeys.require(record.topic(), record.key(), event.policySetId());
        }
        UUID policySetId;
        try {
            policySetId = event != null ? event.policySetId() : UUID.fromString(record.key());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidResultException("policy-changed key is not a policy set id: " + record.key());
        }
        retry.run("policy-changed", () -> writer.applyPolicySet(policySetId, event));
    }

    @Incoming("volume-inventory")
    @Blocking
    public void volumeInventory(ConsumerRecord<String, VolumeInventoryV1> record) throws Exception {
        requireReadable(record);
        if (record.value() == null) {
            if (record.key() != null) {
                retry.run("volume-inventory", () -> writer.removeVolume(record.key()));
            }
            return;
        }
        VolumeInventoryV1 volume = record.value();
        if (volume.tenant() == null || volume.tenant().projectId() == null || volume.observedAt() == null) {
            throw new InvalidResultException("volume-inventory event without tenant or observedAt");
        }
        CompactedKeys.require(record.topic(), record.key(), volume.volumeId());
        retry.run("volume-inventory", () -> writer.applyVolume(volume));
    }

    /** Each volume's resolved policies; {@code removed=true} and a tombstone both delete the volume's row. */
    @Incoming("volume-policies")
    @Blocking
    public void volumePolicies(ConsumerRecord<String, VolumePoliciesV1> record) throws Exception {
        requireReadable(record);
        if (record.value() == null) {
            if (record.key() != null) {
                retry.run("volume-policies", () -> writer.removeResolution(record.key()));
            }
            return;
        }
        VolumePoliciesV1 resolution = requireUsable(record.value());
        CompactedKeys.require(record.topic(), record.key(), resolution.volumeId());
        retry.run("volume-policies", () -> writer.applyResolution(resolution));
    }

    private static VolumePoliciesV1 requireUsable(VolumePoliciesV1 event) {
        if (event.volumeId() == null || event.volumeId().isBlank() || event.resolvedAt() == null) {
            throw new InvalidResultException("volume-policies event without volumeId or resolvedAt");
        }
        if (event.removed()) {
            return event;
        }
        if (event.projectId() == null || event.projectId().isBlank() || event.decidedBy() == null) {
            throw new InvalidResultException("volume-policies event for " + event.volumeId()
                    + " without projectId or decidedBy");
        }
        for (ExpectedPolicy p : event.policies()) {
            if (p.policySetId() == null || p.policyName() == null || p.policyName().isBlank() || p.cron() == null
                    || p.timeZone() == null || p.since() == null) {
                throw new InvalidResultException("volume-policies event for " + event.volumeId()
                        + " with a policy lacking set id, name, cron, time zone or since");
            }
        }
        return event;
    }

    private static void requireReadable(ConsumerRecord<String, ?> record) {
        if (record.value() == null && record.headers().lastHeader(DESERIALIZATION_FAILURE) != null) {
            throw new InvalidResultException("unreadable value on " + record.topic());
        }
    }
}
