package dev.snapshotmanager.worker.client;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/resolutions}: volume descriptions as read from Cinder. */
public record ResolutionRequest(List<VolumeDescription> volumes) {

    /**
     * What policy-service needs to know about a volume.
     *
     * @param attachments attached servers; the first one is the volume's VM
     */
    public record VolumeDescription(String id, String name, String domainId, String domainName, String projectId,
                                    String projectName, Integer sizeGb, String volumeType, Boolean bootable,
                                    String status, Map<String, String> metadata, List<Attachment> attachments) {
    }

    /** An attached server. */
    public record Attachment(String serverId, String serverName) {
    }
}
