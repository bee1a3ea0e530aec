package dev.snapshotmanager.audit.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The compliance of one volume with one policy (policy members null for EXCLUDED and UNCOVERED).
 *
 * @param source           why the policy is expected: RECORDS (the volume has snapshots of it), METADATA (Cinder
 *                         metadata names it), AUTO_APPLY (the tenant's or the global auto-apply set), or NONE
 * @param intervalSeconds  the policy's interval: the gap between its two latest fire times
 * @param lastSnapshotAt   the newest snapshot created for this policy
 * @param lastAttemptAt    the latest attempt (created, failed or quota-blocked)
 */
public record ComplianceEntry(
        String volumeId,
        String volumeName,
        String projectId,
        String projectName,
        String domainName,
        String serverName,
        UUID policySetId,
        String policySetName,
        String policyName,
        ComplianceStatus status,
        String source,
        Long intervalSeconds,
        Instant lastSnapshotAt,
        Instant lastAttemptAt,
        String lastAttemptAction) {

    /** The stable sort and keyset key. */
    public String key() {
        return volumeId + "|" + (policySetId == null ? "" : policySetId) + "|" + (policyName == null ? "" : policyName);
    }
}
