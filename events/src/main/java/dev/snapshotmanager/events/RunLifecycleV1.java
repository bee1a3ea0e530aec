package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A run's state changed: topic {@link Topics#RUN_LIFECYCLE}, key {@code runId}, type {@code snapshot.run.lifecycle.v1}.
 * Published by run-service; consumed by monitoring and the gateway (live UI). Each event carries the whole current
 * state, so a consumer needs only the latest one per run.
 *
 * @param event           what this event announces
 * @param status          the run's status after it
 * @param counters        the counters so far, or {@code null} before planning
 * @param progressPercent 0..100
 * @param eta             the estimated finish, or {@code null} when unknown or finished
 * @param durationMs      {@code finishedAt - startedAt} for a finished run, else {@code null}
 * @param reason          why the run FAILED, SKIPPED, was CANCELLED or MISSED (a code or text), else {@code null}
 */
public record RunLifecycleV1(
        @JsonProperty(required = true) UUID runId,
        @JsonProperty(required = true) LifecycleEvent event,
        @JsonProperty(required = true) RunStatus status,
        PolicyRef policy,
        @JsonProperty(required = true) RunTrigger trigger,
        @JsonProperty(required = true) boolean dryRun,
        @JsonProperty(required = true) Instant slot,
        RunCounters counters,
        @JsonProperty(required = true) int progressPercent,
        Instant eta,
        @JsonProperty(required = true) Instant requestedAt,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        String reason,
        @JsonProperty(required = true) Instant occurredAt) {
}
