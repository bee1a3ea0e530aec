package dev.snapshotmanager.worker.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Cinder volume as the worker reads it (openstack4j types stay inside this package).
 *
 * @param projectId Cinder's {@code os-vol-tenant-attr:tenant_id}
 * @param serverIds attached servers in attachment order; the first is the volume's VM
 */
public record CloudVolume(String id, String name, String status, int sizeGb, String volumeType, boolean bootable,
                          Map<String, String> metadata, String projectId, List<String> serverIds, Instant createdAt) {

    public CloudVolume {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        serverIds = serverIds == null ? List.of() : List.copyOf(serverIds);
    }

    /** The first attached server, or {@code null}. */
    public String firstServerId() {
        return serverIds.isEmpty() ? null : serverIds.get(0);
    }
}
