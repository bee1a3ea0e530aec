package dev.snapshotmanager.run.domain;

import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.PolicyScope;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One policy in the schedule projection (kept from PolicyChangedV1).
 *
 * @param nextSlot the first slot not yet handled; {@code null} when the policy does not fire
 */
public record PolicySchedule(UUID policySetId, String policyName, String policySetName, PolicyScope scope,
        String tenantId, boolean setActive, boolean enabled, String cron, String timeZone,
        MissedRunMode missedRunMode, Instant nextSlot, String scheduleError) {

    public PolicyRef ref() {
        return new PolicyRef(policySetId, policySetName, policyName);
    }

    /** The tenants a run of this policy may touch: the set's tenant, or {@code null} (all) for a GLOBAL set. */
    public Set<String> tenants() {
        return scope == PolicyScope.TENANT && tenantId != null ? Set.of(tenantId) : null;
    }

    /** This policy with another next slot. */
    public PolicySchedule withNextSlot(Instant next) {
        return new PolicySchedule(policySetId, policyName, policySetName, scope, tenantId, setActive, enabled, cron,
                timeZone, missedRunMode, next, scheduleError);
    }

    public boolean fires() {
        return setActive && enabled && nextSlot != null;
    }
}
