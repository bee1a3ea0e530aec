package dev.snapshotmanager.worker.domain;

import dev.snapshotmanager.worker.client.CloudSnapshot;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The metadata written on every snapshot (DOMAIN.md) and how the worker recognises its own: {@code created_by},
 * {@code policy}, {@code run_id}, {@code slot}, {@code original_project_id}, {@code original_volume_id}.
 *
 * @param createdBy       this suite's {@code created_by} value
 * @param legacyCreatedBy the reference system's value ({@code p9_auto_snapshots}), also managed
 */
public record SnapshotTags(String createdBy, String legacyCreatedBy) {

    public static final String CREATED_BY = "created_by";
    public static final String POLICY = "policy";
    public static final String RUN_ID = "run_id";
    public static final String SLOT = "slot";
    public static final String ORIGINAL_PROJECT_ID = "original_project_id";
    public static final String ORIGINAL_VOLUME_ID = "original_volume_id";

    /** The metadata of a new snapshot. */
    public Map<String, String> metadata(String policy, UUID runId, Instant slot, String projectId, String volumeId) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(CREATED_BY, createdBy);
        metadata.put(POLICY, policy);
        metadata.put(RUN_ID, runId.toString());
        metadata.put(SLOT, slot(slot));
        metadata.put(ORIGINAL_PROJECT_ID, projectId);
        metadata.put(ORIGINAL_VOLUME_ID, volumeId);
        return metadata;
    }

    /** A slot as written in metadata: ISO-8601 UTC instant. */
    public static String slot(Instant slot) {
        return DateTimeFormatter.ISO_INSTANT.format(slot);
    }

    /** Made by this suite or by the reference system. */
    public boolean isManaged(CloudSnapshot snapshot) {
        String by = snapshot.metadata().get(CREATED_BY);
        return by != null && (by.equals(createdBy) || by.equals(legacyCreatedBy));
    }

    /** Made by this suite (not the reference system). */
    public boolean isOurs(CloudSnapshot snapshot) {
        return createdBy.equals(snapshot.metadata().get(CREATED_BY));
    }

    /** Managed and of {@code policy}. */
    public boolean isManagedOf(CloudSnapshot snapshot, String policy) {
        return isManaged(snapshot) && policy.equals(snapshot.metadata().get(POLICY));
    }

    /** Ours, of {@code policy} and of {@code slot}: the snapshot that makes a second create wrong. */
    public boolean isOfSlot(CloudSnapshot snapshot, String policy, Instant slot) {
        return isOurs(snapshot) && policy.equals(snapshot.metadata().get(POLICY))
                && slot(slot).equals(snapshot.metadata().get(SLOT));
    }

    /** The run that created a snapshot, or {@code null}. */
    public static String runOf(CloudSnapshot snapshot) {
        return snapshot.metadata().get(RUN_ID);
    }
}
