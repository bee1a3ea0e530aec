package dev.snapshotmanager.audit.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Record counts over a time range: overall, per tenant and per policy, each split by action.
 *
 * @param byAction action name -> count (actions without records are absent)
 */
public record Statistics(Instant from, Instant to, long total, Map<String, Long> byAction, List<TenantCount> byTenant,
        List<PolicyCount> byPolicy) {

    /** Counts of one tenant (OpenStack project). */
    public record TenantCount(String projectId, String projectName, long total, Map<String, Long> byAction) {
    }

    /** Counts of one policy (set and name). */
    public record PolicyCount(UUID policySetId, String policySetName, String policyName, long total,
            Map<String, Long> byAction) {
    }
}
