package dev.snapshotmanager.run.api;

import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.RunCounters;
import dev.snapshotmanager.events.RunScope;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.run.domain.Run;
import dev.snapshotmanager.run.domain.RunRules;
import dev.snapshotmanager.run.service.RunEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A run as the API shows it.
 *
 * @param tenants         the tenants the run touches; {@code null} when it may touch every tenant
 * @param counters        counters so far, including batches total/completed; {@code null} before planning
 * @param statusReason    why it FAILED, was SKIPPED, CANCELLED or MISSED
 * @param errorSummary    the latest volume errors (and a planning failure), newest first
 * @param lastHeartbeat   the latest worker heartbeat seen for the run, {@code null} before the first
 * @param attempt         how often the run was requested from the worker: 1, plus one per re-drive
 */
@Schema(name = "Run")
public record RunView(java.util.UUID id, RunStatus status, RunTrigger trigger, PolicyRef policy, Instant slot,
        boolean dryRun, RunScope scope, List<String> tenants, RunCounters counters, int progressPercent,
        Instant eta, String statusReason, String errorSummary, String requestedBy, String reason,
        Instant requestedAt, Instant startedAt, Instant finishedAt, Long durationMs, Heartbeat lastHeartbeat,
        int attempt) {

    /**
     * A worker heartbeat as seen by run-service.
     *
     * @param at       when the worker sent it (capped at run-service's clock)
     * @param workerId the worker instance that sent it
     */
    @Schema(name = "Heartbeat")
    public record Heartbeat(Instant at, String workerId) {
    }

    public static RunView of(Run run, Instant now) {
        return new RunView(run.id(), run.status(), run.trigger(), RunEvents.policyOf(run), run.slot(), run.dryRun(),
                RunEvents.scopeOf(run), run.allTenants() ? null : run.tenants().stream().sorted().toList(),
                RunEvents.countersOf(run), RunRules.progressPercent(run), RunRules.eta(run, now).orElse(null),
                run.statusReason(), run.errorSummary(), run.requestedBy(), run.requestReason(), run.requestedAt(),
                run.startedAt(), run.finishedAt(), RunRules.duration(run).map(Duration::toMillis).orElse(null),
                run.lastHeartbeatAt() == null ? null : new Heartbeat(run.lastHeartbeatAt(), run.lastHeartbeatWorker()),
                run.attempt());
    }
}
