package dev.snapshotmanager.run.domain;

import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.RunScope;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A run about to be inserted.
 *
 * @param tenants       the tenants the run touches; {@code null} when it may touch every tenant
 * @param statusReason  why a run is inserted already finished (MISSED), else {@code null}
 * @param finishedAt    set for a run inserted already finished (MISSED), else {@code null}
 */
public record NewRun(UUID id, RunStatus status, RunTrigger trigger, PolicyRef policy, Instant slot, boolean dryRun,
        RunScope scope, Set<String> tenants, String requestedBy, String requestReason, String statusReason,
        Instant requestedAt, Instant finishedAt) {
}
