package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A batch of one project's volumes to snapshot in a run: topic {@link Topics#VOLUME_TASKS}, key {@code projectId},
 * type {@code snapshot.volume.task.v1}. Published by the snapshot-worker planner; consumed by the executors (one
 * consumer group). Redelivery is expected: executors must be idempotent per (run, volume).
 *
 * @param taskId     this batch's id
 * @param projectId  the project all volumes belong to (the Kafka key)
 * @param batchIndex 0-based index of this batch among the run's batches
 * @param batchCount the run's number of batches
 */
public record VolumeTaskV1(
        @JsonProperty(required = true) UUID taskId,
        @JsonProperty(required = true) UUID runId,
        PolicyRef policy,
        @JsonProperty(required = true) Instant slot,
        @JsonProperty(required = true) boolean dryRun,
        @JsonProperty(required = true) String projectId,
        @JsonProperty(required = true) int batchIndex,
        @JsonProperty(required = true) int batchCount,
        @JsonProperty(required = true) List<TaskVolume> volumes,
        @JsonProperty(required = true) Instant createdAt) {

    public VolumeTaskV1 {
        volumes = Copies.list(volumes);
    }
}
