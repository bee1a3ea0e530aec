package dev.snapshotmanager.policy.domain.resolution;

/** Where an effective retention came from (assignment override > retention metadata > the policy's own). */
public enum RetentionSource {
    ASSIGNMENT,
    METADATA,
    POLICY
}
