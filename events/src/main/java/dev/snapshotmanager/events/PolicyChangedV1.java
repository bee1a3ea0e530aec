package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A policy set was created, changed or deleted: topic {@link Topics#POLICY_CHANGED} (compacted), key
 * {@code policySetId}, type {@code snapshot.policy.changed.v1}. Published by policy-service; consumed by run-service
 * (schedules) and audit-service (compliance cadence). Each event carries the set's full state, so the latest event per
 * key is all a consumer needs; a consumer starting from the beginning of the compacted topic rebuilds every set.
 *
 * <p>Deletion is an event with {@code deleted=true} and no {@code policySet}. policy-service may later write a
 * tombstone (null Kafka value) for the key so that compaction forgets it; consumers treat a tombstone as a deletion.
 *
 * @param version   the set's version, increasing with every change; consumers ignore an event older than what they have
 * @param policySet the set's state, {@code null} when deleted
 */
public record PolicyChangedV1(
        @JsonProperty(required = true) UUID policySetId,
        @JsonProperty(required = true) boolean deleted,
        @JsonProperty(required = true) long version,
        @JsonProperty(required = true) Instant changedAt,
        String changedBy,
        PolicySetState policySet) {
}
