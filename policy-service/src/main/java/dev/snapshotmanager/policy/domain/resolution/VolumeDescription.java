package dev.snapshotmanager.policy.domain.resolution;

import java.util.List;
import java.util.Map;

/**
 * What the resolver needs to know about a volume: the worker sends it from Cinder, the inventory projection holds it.
 *
 * @param projectId   the tenant (Cinder's {@code os-vol-tenant-attr:tenant_id})
 * @param attachments attached servers; the first one is the volume's VM
 */
public record VolumeDescription(
        String id,
        String name,
        String domainId,
        String domainName,
        String projectId,
        String projectName,
        Integer sizeGb,
        String volumeType,
        Boolean bootable,
        String status,
        Map<String, String> metadata,
        List<Attachment> attachments) {

    /** An attached server. */
    public record Attachment(String serverId, String serverName) {
    }

    public VolumeDescription {
        metadata = metadata == null ? Map.of() : metadata;
        attachments = attachments == null ? List.of() : attachments;
    }

    /** The name rules match against: the name, or the id for an unnamed volume (as the reference system did). */
    public String nameForMatching() {
        return name == null || name.isEmpty() ? id : name;
    }

    public boolean isBootable() {
        return Boolean.TRUE.equals(bootable);
    }
}
