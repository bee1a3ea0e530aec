package dev.snapshotmanager.audit.repository;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.ExpectedPolicy;
import java.io.IOException;
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

    private static final ObjectReader POLICIES = EventJson.mapper().readerFor(ExpectedPolicy[].class);

    @Inject
    DataSource dataSource;

    /**
     * A volume of the inventory, with its resolution by policy-service if audit-service has one.
     *
     * @param resolution null when policy-service has not (yet) published the volume's policies: compliance infers them
     */
    public record VolumeRow(String volumeId, String name, String projectId, String projectName, String domainName,
            String serverName, Map<String, String> metadata, Instant firstSeenAt, Resolution resolution) {

        /** A volume without a resolution. */
        public VolumeRow(String volumeId, String name, String projectId, String projectName, String domainName,
                String serverName, Map<String, String> metadata, Instant firstSeenAt) {
            this(volumeId, name, projectId, projectName, domainName, serverName, metadata, firstSeenAt, null);
        }
    }

    /**
     * The policies policy-service says apply to a volume ({@code VolumePoliciesV1}).
     *
     * @param decidedBy the deciding step's name ({@code ResolutionStep}); UNCOVERED when nothing applies
     */
    public record Resolution(String decidedBy, String reason, Instant excludedUntil, List<ExpectedPolicy> policies,
            Instant resolvedAt) {
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

    /**
     * Volumes of the given projects (all when empty), in volume id order, each with its resolution if any (one
     * statement: the inventory joined to the resolutions by volume id). The inventory decides which volumes exist and
     * to which tenant they belong; a resolution without an inventory row is not listed.
     */
    public List<VolumeRow> volumes(Optional<Set<String>> projects) {
        String sql = "SELECT v.volume_id, v.name, v.project_id, v.project_name, v.domain_name, v.server_name,"
                + " v.metadata::text, v.first_seen_at, r.decided_by, r.reason, r.excluded_until, r.policies::text,"
                + " r.resolved_at FROM volume_projection v LEFT JOIN volume_resolution r ON r.volume_id = v.volume_id"
                + (projects.isPresent() ? " WHERE v.project_id = ANY(?)" : "") + " ORDER BY v.volume_id";
        List<VolumeRow> rows = new ArrayList<>();
        query(sql, projects.orElse(null), rs -> rows.add(new VolumeRow(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), metadata(rs.getString(7)),
                RecordRowMapper.instant(rs, "first_seen_at"), resolution(rs))));
        return rows;
    }

    private static Resolution resolution(ResultSet rs) throws SQLException {
        String decidedBy = rs.getString("decided_by");
        if (decidedBy == null) {
            return null;
        }
        try {
            return new Resolution(decidedBy, rs.getString("reason"), RecordRowMapper.instant(rs, "excluded_until"),
                    List.of(POLICIES.<ExpectedPolicy[]>readValue(rs.getString(12))),
                    RecordRowMapper.instant(rs, "resolved_at"));
        } catch (IOException e) {
            throw new SQLException("unreadable policies of the resolution of " + rs.getString(1), e);
        }
    }

    /**
     * The per-policy state of the volumes of the given projects, by volume id. The project is the inventory's (as in
     * {@link #volumes}), not the one the records carry: a volume moved to another project keeps its snapshots.
     */
    public Map<String, List<StateRow>> states(Optional<Set<String>> projects) {
        String sql = "SELECT s.volume_id, s.policy_set_id, s.policy_name, s.last_created_at, s.last_attempt_at,"
                + " s.last_attempt_action FROM volume_policy_state s"
                + (projects.isPresent() ? " JOIN volume_projection v ON v.volume_id = s.volume_id"
                        + " WHERE v.project_id = ANY(?)" : "");
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
