package dev.snapshotmanager.policy.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.policy.domain.RuleMatch;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.AssignmentView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.ExclusionView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.PolicyView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.RuleView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.SetView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Loads a {@link ResolutionState} for a batch of volumes in four bulk queries (assignments and exclusions by volume
 * ids, enabled rules and the sets of the volumes' tenants, GLOBAL sets and every referenced set), so that the
 * resolver then works in memory.
 */
@ApplicationScoped
public class ResolutionStateLoader {

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Retention>> OVERRIDES = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    public ResolutionState load(Collection<String> volumeIds, Collection<String> tenantIds) {
        try (Connection c = dataSource.getConnection()) {
            String[] volumes = volumeIds.toArray(String[]::new);
            String[] tenants = tenantIds.stream().filter(t -> t != null).distinct().toArray(String[]::new);
            List<AssignmentView> assignments = assignments(c, volumes);
            List<ExclusionView> exclusions = exclusions(c, volumes);
            List<RuleView> rules = rules(c, tenants);
            Set<UUID> referenced = new HashSet<>();
            assignments.forEach(a -> referenced.add(a.policySetId()));
            rules.forEach(r -> referenced.add(r.policySetId()));
            referenced.remove(null);
            return new ResolutionState(sets(c, tenants, referenced), rules, assignments, exclusions);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not load the resolution state", e);
        }
    }

    private List<AssignmentView> assignments(Connection c, String[] volumes) throws SQLException, IOException {
        List<AssignmentView> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id, volume_id, project_id, policy_set_id, "
                + "policy_names::text, retention_overrides::text, auto_snapshot FROM assignment "
                + "WHERE volume_id = ANY (?)")) {
            q.setArray(1, c.createArrayOf("text", volumes));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(new AssignmentView(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                            r.getObject(4, UUID.class), json.readValue(r.getString(5), NAMES),
                            json.readValue(r.getString(6), OVERRIDES), r.getBoolean(7)));
                }
            }
        }
        return out;
    }

    private static List<ExclusionView> exclusions(Connection c, String[] volumes) throws SQLException {
        List<ExclusionView> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT id, volume_id, project_id, reason, expires_at FROM exclusion WHERE volume_id = ANY (?)")) {
            q.setArray(1, c.createArrayOf("text", volumes));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Timestamp expires = r.getTimestamp(5);
                    out.add(new ExclusionView(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                            r.getString(4), expires == null ? null : expires.toInstant()));
                }
            }
        }
        return out;
    }

    private List<RuleView> rules(Connection c, String[] tenants) throws SQLException, IOException {
        List<RuleView> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id, name, tenant_id, priority, created_at, match::text, "
                + "policy_set_id, auto_snapshot FROM assignment_rule "
                + "WHERE enabled AND (tenant_id IS NULL OR tenant_id = ANY (?))")) {
            q.setArray(1, c.createArrayOf("text", tenants));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(new RuleView(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getInt(4),
                            r.getTimestamp(5).toInstant(), json.readValue(r.getString(6), RuleMatch.class),
                            r.getObject(7, UUID.class), r.getBoolean(8)));
                }
            }
        }
        return out;
    }

    private static List<SetView> sets(Connection c, String[] tenants, Set<UUID> referenced) throws SQLException {
        Map<UUID, SetView> sets = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT s.id, s.name, s.scope, s.tenant_id, s.priority, "
                + "s.active, s.auto_apply, s.created_at, p.name, p.cron, p.time_zone, p.keep_last, p.max_age, "
                + "p.missed_run_mode, p.enabled FROM policy_set s LEFT JOIN policy p ON p.policy_set_id = s.id "
                + "WHERE s.scope = 'GLOBAL' OR s.tenant_id = ANY (?) OR s.id = ANY (?) ORDER BY s.id, p.position")) {
            q.setArray(1, c.createArrayOf("text", tenants));
            q.setArray(2, c.createArrayOf("uuid", referenced.toArray()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    UUID id = r.getObject(1, UUID.class);
                    SetView set = sets.computeIfAbsent(id, k -> {
                        try {
                            return new SetView(k, r.getString(2), PolicyScope.valueOf(r.getString(3)), r.getString(4),
                                    r.getInt(5), r.getBoolean(6), r.getBoolean(7), r.getTimestamp(8).toInstant(),
                                    new ArrayList<>());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    if (r.getString(9) != null) {
                        set.policies().add(new PolicyView(r.getString(9), r.getString(10), r.getString(11),
                                (Integer) r.getObject(12), r.getString(13), MissedRunMode.valueOf(r.getString(14)),
                                r.getBoolean(15)));
                    }
                }
            }
        }
        return List.copyOf(sets.values());
    }
}
