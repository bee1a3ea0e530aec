package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A worker instance is alive and working on a run: topic {@link Topics#RUN_HEARTBEATS}, key {@code runId}, type
 * {@code snapshot.run.heartbeat.v1}. Published by snapshot-worker every few seconds per run it plans or executes,
 * so that run-service can tell a long, quiet step (planning 10k volumes, waiting for a slow snapshot) from a lost
 * worker. Also carries the one failure that produces no volume result: {@link WorkerPhase#PLANNING_FAILED}.
 *
 * @param workerId        the instance (host name or pod name), for operators
 * @param phase           what the instance is doing
 * @param batchesInFlight volume tasks of this run the instance has started and not finished (0 while planning)
 * @param error           why planning failed (only with {@link WorkerPhase#PLANNING_FAILED}), else {@code null}
 * @param sentAt          when the instance sent it (its clock)
 */
public record RunHeartbeatV1(
        @JsonProperty(required = true) UUID runId,
        @JsonProperty(required = true) String workerId,
        @JsonProperty(required = true) WorkerPhase phase,
        @JsonProperty(required = true) int batchesInFlight,
        String error,
        @JsonProperty(required = true) Instant sentAt) {
}
