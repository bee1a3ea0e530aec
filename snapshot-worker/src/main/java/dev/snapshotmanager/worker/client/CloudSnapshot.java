package dev.snapshotmanager.worker.client;

import java.time.Instant;
import java.util.Map;

/** A Cinder snapshot as the worker reads it; {@code status} is Cinder's ({@code creating}, {@code available} ...). */
public record CloudSnapshot(String id, String name, String volumeId, String status, int sizeGb, Instant createdAt,
                            Map<String, String> metadata) {

    public CloudSnapshot {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public boolean isAvailable() {
        return "available".equals(status);
    }

    public boolean isError() {
        return "error".equals(status);
    }

    public CloudSnapshot withStatus(String newStatus) {
        return new CloudSnapshot(id, name, volumeId, newStatus, sizeGb, createdAt, metadata);
    }
}
