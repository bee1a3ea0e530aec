package dev.snapshotmanager.run.repository;

import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Run list filters; {@code null} or empty means "any".
 *
 * @param visibleTenants the caller's tenants when it is tenant-scoped, else empty (sees all)
 * @param from           requested at or after
 * @param to             requested before
 */
public record RunFilter(UUID policySetId, String policyName, List<RunStatus> statuses, RunTrigger trigger,
        Boolean dryRun, String tenant, Instant from, Instant to, Optional<Set<String>> visibleTenants) {
}
