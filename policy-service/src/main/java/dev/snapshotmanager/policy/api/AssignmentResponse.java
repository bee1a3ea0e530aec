package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.policy.domain.Assignment;
import dev.snapshotmanager.policy.domain.AssignmentSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Assignment")
public record AssignmentResponse(UUID id, String volumeId, String volumeName, String domainId, String domainName,
        String projectId, String projectName, String serverId, String serverName, UUID policySetId,
        List<String> policyNames, Map<String, Retention> retentionOverrides, boolean autoSnapshot,
        AssignmentSource source, long version, Instant createdAt, String createdBy, Instant updatedAt,
        String updatedBy) {

    public static AssignmentResponse of(Assignment a) {
        var v = a.volume;
        return new AssignmentResponse(a.id, v.volumeId, v.volumeName, v.domainId, v.domainName, v.projectId,
                v.projectName, v.serverId, v.serverName, a.policySetId, a.policyNames, a.retentionOverrides,
                a.autoSnapshot, a.source, a.version, a.createdAt, a.createdBy, a.updatedAt, a.updatedBy);
    }
}
