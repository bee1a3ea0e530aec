package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.policy.domain.Exclusion;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Exclusion")
public record ExclusionResponse(UUID id, String volumeId, String volumeName, String domainId, String domainName,
        String projectId, String projectName, String serverId, String serverName, String reason, Instant expiresAt,
        boolean active, long version, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    public static ExclusionResponse of(Exclusion e) {
        var v = e.volume;
        return new ExclusionResponse(e.id, v.volumeId, v.volumeName, v.domainId, v.domainName, v.projectId,
                v.projectName, v.serverId, v.serverName, e.reason, e.expiresAt, e.activeAt(Instant.now()), e.version,
                e.createdAt, e.createdBy, e.updatedAt, e.updatedBy);
    }
}
