package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.audit.domain.AuditRecord;
import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.SnapshotRef;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Turns a {@code snapshot_record} row into an {@link AuditRecord}. */
final class RecordRowMapper {

    /** The columns {@link #map} reads. */
    static final String SELECT = "seq, received_at, " + RecordColumns.NAMES;

    private RecordRowMapper() {
    }

    static AuditRecord map(ResultSet rs) throws SQLException {
        String snapshotId = rs.getString("snapshot_id");
        String projectId = rs.getString("project_id");
        String serverId = rs.getString("server_id");
        UUID policySetId = rs.getObject("policy_set_id", UUID.class);
        String policyName = rs.getString("policy_name");
        Integer keepLast = (Integer) rs.getObject("retention_keep_last");
        String maxAge = rs.getString("retention_max_age");
        return new AuditRecord(
                rs.getString("event_id"),
                rs.getObject("run_id", UUID.class),
                instant(rs, "occurred_at"),
                instant(rs, "received_at"),
                VolumeAction.valueOf(rs.getString("action")),
                rs.getString("reason"),
                rs.getString("error"),
                rs.getBoolean("dry_run"),
                instant(rs, "slot"),
                rs.getLong("duration_ms"),
                snapshotId == null ? null
                        : new SnapshotRef(snapshotId, rs.getString("snapshot_name"), rs.getString("snapshot_status")),
                new VolumeRef(rs.getString("volume_id"), rs.getString("volume_name"), rs.getInt("volume_size_gb"),
                        rs.getString("volume_status"), rs.getString("volume_type"), rs.getBoolean("volume_bootable")),
                projectId == null && rs.getString("domain_id") == null ? null
                        : new TenantRef(rs.getString("domain_id"), rs.getString("domain_name"), projectId,
                                rs.getString("project_name")),
                serverId == null ? null : new ServerRef(serverId, rs.getString("server_name")),
                policySetId == null && policyName == null ? null
                        : new PolicyRef(policySetId, rs.getString("policy_set_name"), policyName),
                keepLast == null && maxAge == null ? null : new Retention(keepLast, maxAge),
                rs.getLong("seq"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
