package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A volume as the worker last saw it in OpenStack: topic {@link Topics#VOLUME_INVENTORY} (compacted), key
 * {@code volumeId}, type {@code snapshot.volume.inventory.v1}. Published by the snapshot-worker's inventory sync (and
 * at every plan); consumed by policy-service (volume projection) and audit-service (compliance).
 *
 * <p><b>Tombstone:</b> when a volume disappears, the worker writes a record with key {@code volumeId} and a
 * {@code null} value. The serde passes it through as {@code null}; consumers remove the volume.
 *
 * @param status            Cinder status
 * @param metadata          the volume's Cinder metadata
 * @param server            the first attached server, or {@code null}
 * @param attachedServerIds every attached server's id, empty when detached
 * @param createdAt         when Cinder created the volume
 * @param observedAt        when the worker read this state
 */
public record VolumeInventoryV1(
        @JsonProperty(required = true) String volumeId,
        String name,
        @JsonProperty(required = true) String status,
        @JsonProperty(required = true) int sizeGb,
        String volumeType,
        @JsonProperty(required = true) boolean bootable,
        Map<String, String> metadata,
        @JsonProperty(required = true) TenantRef tenant,
        ServerRef server,
        List<String> attachedServerIds,
        Instant createdAt,
        @JsonProperty(required = true) Instant observedAt) {

    public VolumeInventoryV1 {
        metadata = Copies.map(metadata);
        attachedServerIds = Copies.list(attachedServerIds);
    }
}
