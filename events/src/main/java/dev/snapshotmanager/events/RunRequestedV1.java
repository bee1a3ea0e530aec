package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A run was requested: topic {@link Topics#RUN_REQUESTED}, key {@code runId}, type {@code snapshot.run.requested.v1}.
 * Published by run-service (through its outbox) when it inserts a run; consumed by the snapshot-worker planner.
 *
 * @param runId       the run's id
 * @param policy      the policy to run; absent only for an ad-hoc run-now of explicit volumes
 * @param slot        the scheduled cron fire time; for a requested run, the request time (the run is its own slot)
 * @param dryRun      plan and report what would be created and deleted, change nothing
 * @param trigger     who asked
 * @param scope       restricts the run; {@code null} or unrestricted means every volume the policy applies to
 * @param requestedBy the requesting user or client id ({@code scheduler} for scheduled runs)
 * @param reason      free text given with a manual request
 * @param requestedAt when run-service accepted the request
 */
public record RunRequestedV1(
        @JsonProperty(required = true) UUID runId,
        PolicyRef policy,
        @JsonProperty(required = true) Instant slot,
        @JsonProperty(required = true) boolean dryRun,
        @JsonProperty(required = true) RunTrigger trigger,
        RunScope scope,
        String requestedBy,
        String reason,
        @JsonProperty(required = true) Instant requestedAt) {
}
