package dev.snapshotmanager.run.domain;

import dev.snapshotmanager.events.RunLifecycleV1;
import java.util.Set;

/**
 * A CDI event fired inside the transaction that changed a run; observers act after a successful commit
 * (live streams, metrics).
 *
 * @param tenants the tenants the run touches; {@code null} when it may touch every tenant
 */
public record RunChanged(RunLifecycleV1 lifecycle, Set<String> tenants) {

    /** Whether a caller limited to {@code callerTenants} may see this run. */
    public boolean visibleTo(Set<String> callerTenants) {
        return tenants == null || tenants.stream().anyMatch(callerTenants::contains);
    }
}
