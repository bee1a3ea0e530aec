package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * Planning of a run finished: topic {@link Topics#RUN_PLANNED}, key {@code runId}, type {@code snapshot.run.planned.v1}.
 * Published by the snapshot-worker planner after the volume tasks; consumed by run-service (totals, status RUNNING).
 *
 * @param totalVolumes every volume the run accounts for ({@code toCreate + skipped + quotaBlocked})
 * @param toCreate     volumes sent to executors in volume tasks
 * @param skipped      volumes skipped at planning (already reported as SKIPPED results)
 * @param quotaBlocked volumes blocked by quota at planning (already reported as QUOTA_BLOCKED results)
 * @param batchCount   volume tasks published for this run
 * @param projectCount distinct projects among the planned volumes
 */
public record RunPlannedV1(
        @JsonProperty(required = true) UUID runId,
        PolicyRef policy,
        @JsonProperty(required = true) Instant slot,
        @JsonProperty(required = true) boolean dryRun,
        @JsonProperty(required = true) int totalVolumes,
        @JsonProperty(required = true) int toCreate,
        @JsonProperty(required = true) int skipped,
        @JsonProperty(required = true) int quotaBlocked,
        @JsonProperty(required = true) int batchCount,
        @JsonProperty(required = true) int projectCount,
        @JsonProperty(required = true) Instant plannedAt) {
}
