package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.policy.domain.AssignmentSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Create, change (PATCH: absent fields stay) or bulk-upsert the explicit assignment of one volume.
 *
 * @param policySetId        the set whose policies apply; required unless autoSnapshot is false
 * @param policyNames        only these policies of the set (empty/absent = all)
 * @param retentionOverrides policy name -> retention that replaces the policy's own
 * @param autoSnapshot       false opts the volume out of every policy; default true
 * @param source             MANUAL or API (default API); bulk upserts record BULK
 */
@Schema(name = "AssignmentRequest")
public record AssignmentRequest(
        String volumeId,
        String volumeName,
        String domainId,
        String domainName,
        String projectId,
        String projectName,
        String serverId,
        String serverName,
        UUID policySetId,
        List<String> policyNames,
        Map<String, Retention> retentionOverrides,
        Boolean autoSnapshot,
        AssignmentSource source) {
}
