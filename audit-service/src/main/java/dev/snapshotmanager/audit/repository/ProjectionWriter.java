package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.events.PolicySetState;
import dev.snapshotmanager.events.PolicyState;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.events.VolumePoliciesV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Applies policy, inventory and resolution events to the compliance projections. Each event carries a full state, so
 * applying is an upsert guarded by version (policies), observation time (volumes) or resolution time (resolutions):
 * a redelivered or older event is a no-op.
 */
@ApplicationScoped
public class ProjectionWriter {

    @Inject
    DataSource dataSource;

    /** @return false when the event is not newer than what the projection holds */
    @Transactional
    public boolean applyPolicySet(UUID policySetId, PolicyChangedV1 event) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, OffsetDateTime> since = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM policy_set_projection WHERE policy_set_id = ?"
                    + " FOR UPDATE")) {
                s.setObject(1, policySetId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && event != null && rs.getLong(1) >= event.version()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT policy_name, since FROM policy_projection WHERE policy_set_id = ?")) {
                s.setObject(1, policySetId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        since.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
                    }
                }
            }
            boolean deleted = event == null || event.deleted() || event.policySet() == null;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO policy_set_projection VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (policy_set_id) DO UPDATE SET version = EXCLUDED.version, deleted = EXCLUDED.deleted,"
                    + " changed_at = EXCLUDED.changed_at")) {
                s.setObject(1, policySetId);
                s.setLong(2, event == null ? Long.MAX_VALUE : event.version());
                s.setBoolean(3, deleted);
                s.setObject(4, utc(event == null ? Instant.now() : event.changedAt()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM policy_projection WHERE policy_set_id = ?")) {
                s.setObject(1, policySetId);
                s.executeUpdate();
            }
            if (!deleted) {
                insertPolicies(c, event.policySet(), since, utc(event.changedAt()));
            }
            return true;
        }
    }

    private static void insertPolicies(Connection c, PolicySetState set, Map<String, OffsetDateTime> since,
            OffsetDateTime changedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO policy_projection (policy_set_id, policy_name,"
                + " policy_set_name, scope, tenant_id, priority, set_active, auto_apply, cron, time_zone, enabled, since)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PolicyState policy : set.policies()) {
                s.setObject(1, set.id());
                s.setString(2, policy.name());
                s.setString(3, set.name());
                s.setString(4, set.scope().name());
                s.setString(5, set.tenantId());
                s.setInt(6, set.priority());
                s.setBoolean(7, set.active());
                s.setBoolean(8, set.autoApply());
                s.setString(9, policy.cron());
                s.setString(10, policy.timeZone());
                s.setBoolean(11, policy.enabled());
                s.setObject(12, since.getOrDefault(policy.name(), changedAt));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Upserts a volume unless the projection holds a newer observation. */
    @Transactional
    public void applyVolume(VolumeInventoryV1 v) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO volume_projection AS p (volume_id, name, status, size_gb, domain_id, domain_name, project_id,"
                        + " project_name, server_id, server_name, metadata, created_at, first_seen_at, observed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                        + " ON CONFLICT (volume_id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status,"
                        + " size_gb = EXCLUDED.size_gb, domain_id = EXCLUDED.domain_id, domain_name = EXCLUDED.domain_name,"
                        + " project_id = EXCLUDED.project_id, project_name = EXCLUDED.project_name,"
                        + " server_id = EXCLUDED.server_id, server_name = EXCLUDED.server_name,"
                        + " metadata = EXCLUDED.metadata, created_at = EXCLUDED.created_at,"
                        + " observed_at = EXCLUDED.observed_at WHERE p.observed_at <= EXCLUDED.observed_at")) {
            s.setString(1, v.volumeId());
            s.setString(2, v.name());
            s.setString(3, v.status());
            s.setInt(4, v.sizeGb());
            s.setString(5, v.tenant().domainId());
            s.setString(6, v.tenant().domainName());
            s.setString(7, v.tenant().projectId());
            s.setString(8, v.tenant().projectName());
            s.setString(9, v.server() == null ? null : v.server().id());
            s.setString(10, v.server() == null ? null : v.server().name());
            s.setString(11, EventJson.toJson(v.metadata()));
            s.setObject(12, v.createdAt() == null ? null : utc(v.createdAt()));
            s.setObject(13, utc(v.createdAt() != null && v.createdAt().isBefore(v.observedAt()) ? v.createdAt() : v.observedAt()));
            s.setObject(14, utc(v.observedAt()));
            s.executeUpdate();
        }
    }

    @Transactional
    public void removeVolume(String volumeId) throws SQLException {
        deleteVolumeRow("volume_projection", volumeId);
    }

    /**
     * Stores a volume's resolution, or deletes it when the event says the volume was removed, unless the projection
     * holds a newer resolution (by {@code resolvedAt}; an equal one is a redelivery and changes nothing).
     *
     * @return whether the projection changed
     */
    @Transactional
    public boolean applyResolution(VolumePoliciesV1 e) throws SQLException {
        String sql = e.removed()
                ? "DELETE FROM volume_resolution WHERE volume_id = ? AND resolved_at <= ?"
                : "INSERT INTO volume_resolution AS r (volume_id, resolved_at, project_id, decided_by, reason,"
                        + " excluded_until, policies) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)"
                        + " ON CONFLICT (volume_id) DO UPDATE SET resolved_at = EXCLUDED.resolved_at,"
                        + " project_id = EXCLUDED.project_id, decided_by = EXCLUDED.decided_by, reason = EXCLUDED.reason,"
                        + " excluded_until = EXCLUDED.excluded_until, policies = EXCLUDED.policies"
                        + " WHERE r.resolved_at <= EXCLUDED.resolved_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, e.volumeId());
            s.setObject(2, utc(e.resolvedAt()));
            if (!e.removed()) {
                s.setString(3, e.projectId());
                s.setString(4, e.decidedBy().name());
                s.setString(5, e.reason());
                s.setObject(6, e.excludedUntil() == null ? null : utc(e.excludedUntil()));
                s.setString(7, EventJson.toJson(e.policies()));
            }
            return s.executeUpdate() > 0;
        }
    }

    /** Deletes a volume's resolution whatever its time (a tombstone: the volume is gone). */
    @Transactional
    public void removeResolution(String volumeId) throws SQLException {
        deleteVolumeRow("volume_resolution", volumeId);
    }

    private void deleteVolumeRow(String table, String volumeId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE volume_id = ?")) {
            s.setString(1, volumeId);
            s.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
