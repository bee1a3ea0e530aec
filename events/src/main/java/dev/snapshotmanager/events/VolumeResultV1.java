package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What happened to one volume in a run: topic {@link Topics#VOLUME_RESULTS}, key the volume id, type
 * {@code snapshot.volume.result.v1}. Published by the snapshot-worker; consumed by audit-service (one record per
 * {@code eventId}) and run-service (counters). The CloudEvents id equals {@code eventId}.
 *
 * @param eventId    {@link #deterministicEventId}: the same action redelivered has the same id
 * @param occurredAt when the action finished
 * @param reason     a {@link ReasonCodes} code (SKIPPED, QUOTA_BLOCKED, DELETED ...); unknown codes must be accepted
 * @param error      the error message of a failure (Cinder's fault, timeout ...), or {@code null}
 * @param snapshot   the snapshot created or deleted, or {@code null}
 * @param retention  the retention applied, or {@code null}
 * @param durationMs how long the action took
 */
public record VolumeResultV1(
        @JsonProperty(required = true) String eventId,
        @JsonProperty(required = true) UUID runId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) VolumeAction action,
        String reason,
        String error,
        SnapshotRef snapshot,
        @JsonProperty(required = true) VolumeRef volume,
        TenantRef tenant,
        ServerRef server,
        PolicyRef policy,
        @JsonProperty(required = true) Instant slot,
        Retention retention,
        @JsonProperty(required = true) long durationMs,
        @JsonProperty(required = true) boolean dryRun) {

    /**
     * The event id of a volume action: a name-based (version 3) UUID of {@code runId|volumeId|action|snapshotId},
     * so that a redelivered or retried action yields the same id and is stored once.
     *
     * @param snapshotId the snapshot acted on, or {@code null} when there is none (SKIPPED, WOULD_CREATE ...)
     */
    public static String deterministicEventId(UUID runId, String volumeId, VolumeAction action, String snapshotId) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(volumeId, "volumeId");
        Objects.requireNonNull(action, "action");
        String name = String.join("|", runId.toString(), volumeId, action.name(),
                snapshotId == null ? "" : snapshotId);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
