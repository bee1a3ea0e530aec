package dev.snapshotmanager.emulator.model;

import java.util.Map;

/** A Cinder snapshot; immutable, replaced on change. Times in epoch microseconds ({@code updatedAt} 0 = null). */
public record Snapshot(String id, String projectId, String userId, String volumeId, String name, String description,
                       String status, int size, long createdAt, long updatedAt, Map<String, String> metadata,
                       String progress) {

    public Snapshot {
        metadata = Frozen.map(metadata);
    }

    public Snapshot withStatus(String newStatus, String newProgress, long now) {
        return new Snapshot(id, projectId, userId, volumeId, name, description, newStatus, size, createdAt, now,
                metadata, newProgress);
    }

    public Snapshot withText(String newName, String newDescription, long now) {
        return new Snapshot(id, projectId, userId, volumeId, newName, newDescription, status, size, createdAt, now,
                metadata, progress);
    }

    public Snapshot withMetadata(Map<String, String> newMetadata, long now) {
        return new Snapshot(id, projectId, userId, volumeId, name, description, status, size, createdAt, now,
                newMetadata, progress);
    }
}
