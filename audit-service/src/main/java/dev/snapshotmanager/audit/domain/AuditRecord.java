package dev.snapshotmanager.audit.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.SnapshotRef;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeRef;
import java.time.Instant;
import java.util.UUID;

/**
 * One stored volume action. {@code id} is the event id (unique); {@code seq} is the internal tie-breaker of the
 * keyset order and not part of the API.
 */
public record AuditRecord(
        String id,
        UUID runId,
        Instant occurredAt,
        Instant receivedAt,
        VolumeAction action,
        String reason,
        String error,
        boolean dryRun,
        Instant slot,
        long durationMs,
        SnapshotRef snapshot,
        VolumeRef volume,
        TenantRef tenant,
        ServerRef server,
        PolicyRef policy,
        Retention retention,
        @JsonIgnore long seq) {
}
