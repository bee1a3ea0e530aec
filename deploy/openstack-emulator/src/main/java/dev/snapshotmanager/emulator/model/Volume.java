package dev.snapshotmanager.emulator.model;

import java.util.List;
import java.util.Map;

/** A Cinder volume; immutable, replaced on change. Times in epoch microseconds ({@code updatedAt} 0 = null). */
public record Volume(String id, String projectId, String userId, String name, String description, String status,
                     int size, String availabilityZone, long createdAt, long updatedAt, String volumeType,
                     String snapshotId, String sourceVolid, Map<String, String> metadata, boolean bootable,
                     boolean encrypted, boolean multiattach, List<Attachment> attachments) {

    public Volume {
        metadata = Frozen.map(metadata);
        attachments = Frozen.list(attachments);
    }

    public Volume withMetadata(Map<String, String> newMetadata, long now) {
        return new Volume(id, projectId, userId, name, description, status, size, availabilityZone, createdAt, now,
                volumeType, snapshotId, sourceVolid, newMetadata, bootable, encrypted, multiattach, attachments);
    }

    public Volume withStatus(String newStatus, long now) {
        return new Volume(id, projectId, userId, name, description, newStatus, size, availabilityZone, createdAt, now,
                volumeType, snapshotId, sourceVolid, metadata, bootable, encrypted, multiattach, attachments);
    }
}
