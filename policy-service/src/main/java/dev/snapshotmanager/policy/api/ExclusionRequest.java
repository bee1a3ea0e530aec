package dev.snapshotmanager.policy.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Create or change (PATCH: absent fields stay) the exclusion of one volume.
 *
 * @param reason    why the volume is kept out of every policy (required on create)
 * @param expiresAt when the exclusion stops applying; absent = never
 */
@Schema(name = "ExclusionRequest")
public record ExclusionRequest(String volumeId, String volumeName, String domainId, String domainName,
        String projectId, String projectName, String serverId, String serverName, String reason, Instant expiresAt) {
}
