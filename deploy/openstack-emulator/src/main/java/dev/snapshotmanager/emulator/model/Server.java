package dev.snapshotmanager.emulator.model;

import java.util.Map;

/** A Nova server; times in epoch microseconds. Its attached volumes are read from the volumes' attachments. */
public record Server(String id, String projectId, String userId, String name, String status, long createdAt,
                     long updatedAt, Map<String, String> metadata, String flavorId, String imageId) {

    public Server {
        metadata = Frozen.map(metadata);
    }
}
