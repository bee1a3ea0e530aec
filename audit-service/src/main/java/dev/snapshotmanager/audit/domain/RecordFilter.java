package dev.snapshotmanager.audit.domain;

import dev.snapshotmanager.events.VolumeAction;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a search, statistics, timeline or export selects. Every member is optional ({@code null} or empty = no
 * condition); all given conditions must hold. {@code from} is inclusive, {@code to} exclusive.
 *
 * @param projectIds    tenants (OpenStack project ids); any of them
 * @param actions       any of these actions
 * @param text          free text, matched case-insensitively inside names, ids, reasons and errors
 */
public record RecordFilter(
        Instant from,
        Instant to,
        Set<VolumeAction> actions,
        List<String> projectIds,
        String projectName,
        String domainId,
        String domainName,
        String serverId,
        String serverName,
        String volumeId,
        String volumeName,
        String snapshotId,
        UUID policySetId,
        String policyName,
        UUID runId,
        Boolean dryRun,
        String text) {

    public RecordFilter {
        actions = actions == null ? Set.of() : Set.copyOf(actions);
        projectIds = projectIds == null ? List.of() : List.copyOf(projectIds);
    }

    /** No condition at all. */
    public static RecordFilter none() {
        return new RecordFilter(null, null, Set.of(), List.of(), null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    public RecordFilter withActions(Set<VolumeAction> value) {
        return new RecordFilter(from, to, value, projectIds, projectName, domainId, domainName, serverId, serverName,
                volumeId, volumeName, snapshotId, policySetId, policyName, runId, dryRun, text);
    }

    public RecordFilter withRunId(UUID value) {
        return new RecordFilter(from, to, actions, projectIds, projectName, domainId, domainName, serverId, serverName,
                volumeId, volumeName, snapshotId, policySetId, policyName, value, dryRun, text);
    }

    public RecordFilter withRange(Instant newFrom, Instant newTo) {
        return new RecordFilter(newFrom, newTo, actions, projectIds, projectName, domainId, domainName, serverId,
                serverName, volumeId, volumeName, snapshotId, policySetId, policyName, runId, dryRun, text);
    }
}
