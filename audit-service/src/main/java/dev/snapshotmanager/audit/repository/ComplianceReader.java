package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the compliance projections for a set of tenants. */
@ApplicationScoped
public class ComplianceReader {

    @Inject
    DataSource dataSource;

    /** A volume of the inventory. */
    public record VolumeRow(String volumeId, String name, String projectId, String projectName, String domainName,
            String serverName, Map<String, String> metadata, Instant firstSeenAt) {
    }

    /** What the records say about a volume and a policy. */
    public record StateRow(String volumeId, UUID policySetId, String policyName, Instant lastCreatedAt,
            Instant lastAttemptAt, String lastAttemptAction) {
    }

    /** A policy of a live policy set. */
    public record PolicyRow(UUID policySetId, String policyName, String policySetName, String scope, String tenantId,
            int priority, boolean setActive, boolean autoApply, String cron, String timeZone, boolean enabled,
            Instant since) {
    }

    /** Volumes of the given projects (all when empty), in volume id order. */
    public List<VolumeRow> volumes(Optional<Set<String>> projects) {
        String sql = "SELECT volume_id, name, project_id, project_name, domain_name, server_name, metadata::text,"
                + " first_seen_at FROM volume_projection"
                + (projects.isPresent() ? " WHERE project_id = ANY(?)" : "") + " ORDER BY volume_id";
        List<VolumeRow> rows = new ArrayList<>();
        query(sql, projects.orElse(null), rs -> rows.add(new VolumeRow(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), metadata(rs.getString(7)),
                RecordRowMapper.instant(rs, "first_seen_at"))));
        return rows;
    }

    /** The per-policy state of the volumes of the given projects, by volume id. */
    public Map<String, List<StateRow>> states(Optional<Set<String>> projects) {
        String sql = "SELECT volume_id, policy_set_id, policy_name, last_created_at, last_attempt_at, last_attempt_action"
                + " FROM volume_policy_state" + (projects.isPresent() ? " WHERE project_id = ANY(?)" : "");
        Map<String, List<StateRow>> states = new HashMap<>();
        query(sql, projects.orElse(null), rs -> states.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new StateRow(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                        RecordRowMapper.instant(rs, "last_created_at"), RecordRowMapper.instant(rs, "last_attempt_at"),
                        rs.getString(6))));
        return states;
    }

    /** Every policy of every policy set that is not deleted. */
    public List<PolicyRow> policies() {
        List<PolicyRow> rows = new ArrayList<>();
        query("SELECT p.policy_set_id, policy_name, policy_set_name, scope, tenant_id, priority, set_active, auto_apply,"
                + " cron, time_zone, enabled, since FROM policy_projection p JOIN policy_set_projection s"
                + " ON s.policy_set_id = p.policy_set_id WHERE NOT s.deleted", null,
                rs -> rows.add(new PolicyRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6), rs.getBoolean(7), rs.getBoolean(8),
                        rs.getString(9), rs.getString(10), rs.getBoolean(11), RecordRowMapper.instant(rs, "since"))));
        return rows;
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Collection<String> projects, RowHandler handler) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (projects != null) {
                s.setArray(1, c.createArrayOf("text", projects.toArray()));
            }
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the compliance projections", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> metadata(String json) {
        return json == null ? Map.of() : EventJson.fromJson(json, Map.class);
    }
}
