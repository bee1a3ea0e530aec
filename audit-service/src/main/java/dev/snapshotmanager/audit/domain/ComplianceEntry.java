package dev.snapshotmanager.audit.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The compliance of one volume with one policy (policy members null for EXCLUDED and UNCOVERED).
 *
 * @param source           why the policy is expected. When policy-service has resolved the volume, the step that
 *                         decided: EXCLUSION, ASSIGNMENT, METADATA, RULE, TENANT_SET, GLOBAL_SET or UNCOVERED
 *                         ({@code resolvedAt} set). Otherwise inferred by audit-service ({@code resolvedAt} null):
 *                         RECORDS (the volume has snapshots of it), METADATA (Cinder metadata names it or opts out),
 *                         AUTO_APPLY (the tenant's or the global auto-apply set), or NONE
 * @param intervalSeconds  the policy's interval: the gap between its two latest fire times
 * @param lastSnapshotAt   the newest snapshot created for this policy
 * @param lastAttemptAt    the latest attempt (created, failed or quota-blocked)
 * @param reason           policy-service's explanation of the resolution (e.g. the exclusion's reason or the rule);
 *                         null when inferred
 * @param excludedUntil    when the exclusion that decided ends; null when none decided or it does not end
 * @param resolvedAt       when policy-service resolved the volume's policies; null when audit-service inferred them
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
        String lastAttemptAction,
        String reason,
        Instant excludedUntil,
        Instant resolvedAt) {

    /** The stable sort and keyset key. */
    public ComplianceKey key() {
        return new ComplianceKey(volumeId, policySetId == null ? null : policySetId.toString(), policyName);
    }
}
