package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.audit.domain.Statistics;
import dev.snapshotmanager.audit.domain.TimeBucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/** Counting queries: statistics in one pass with grouping sets, timelines with {@code date_trunc}. */
@ApplicationScoped
public class RecordAggregates {

    @Inject
    DataSource dataSource;

    /** Counts over the conditions, by action, by tenant and by policy (the range is part of the conditions). */
    public Statistics statistics(SqlConditions conditions, Instant from, Instant to) {
        String sql = "SELECT GROUPING(project_id) AS no_project, GROUPING(policy_name) AS no_policy, action, project_id,"
                + " max(project_name) AS project_name, policy_set_id, max(policy_set_name) AS policy_set_name,"
                + " policy_name, count(*) AS n FROM snapshot_record" + conditions.where()
                + " GROUP BY GROUPING SETS ((action), (project_id, action), (policy_set_id, policy_name, action))";
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Statistics.TenantCount> tenants = new LinkedHashMap<>();
        Map<List<Object>, Statistics.PolicyCount> policies = new LinkedHashMap<>();
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            conditions.bind(c, s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String action = rs.getString("action");
                    long n = rs.getLong("n");
                    boolean perProject = rs.getInt("no_project") == 0;
                    boolean perPolicy = rs.getInt("no_policy") == 0;
                    if (perProject) {
                        String projectId = rs.getString("project_id");
                        Statistics.TenantCount t = tenants.computeIfAbsent(Objects.toString(projectId, ""),
                                k -> new Statistics.TenantCount(projectId, null, 0, new TreeMap<>()));
                        String name = t.projectName() != null ? t.projectName() : rs.getString("project_name");
                        t.byAction().put(action, n);
                        tenants.put(Objects.toString(projectId, ""),
                                new Statistics.TenantCount(projectId, name, t.total() + n, t.byAction()));
                    } else if (perPolicy) {
                        UUID setId = rs.getObject("policy_set_id", UUID.class);
                        String policy = rs.getString("policy_name");
                        List<Object> key = java.util.Arrays.asList(setId, policy);
                        Statistics.PolicyCount p = policies.computeIfAbsent(key,
                                k -> new Statistics.PolicyCount(setId, null, policy, 0, new TreeMap<>()));
                        String setName = p.policySetName() != null ? p.policySetName() : rs.getString("policy_set_name");
                        p.byAction().put(action, n);
                        policies.put(key, new Statistics.PolicyCount(setId, setName, policy, p.total() + n, p.byAction()));
                    } else {
                        byAction.put(action, n);
                        total += n;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not compute statistics", e);
        }
        List<Statistics.TenantCount> byTenant = new ArrayList<>(tenants.values());
        byTenant.sort((a, b) -> Long.compare(b.total(), a.total()));
        List<Statistics.PolicyCount> byPolicy = new ArrayList<>(policies.values());
        byPolicy.sort((a, b) -> Long.compare(b.total(), a.total()));
        return new Statistics(from, to, total, byAction, byTenant, byPolicy);
    }

    /** Counts per (bucket start, action); buckets without records are absent. */
    public Map<Instant, Map<String, Long>> timeline(SqlConditions conditions, TimeBucket bucket) {
        // The field is a constant of the enum, never request text.
        String sql = "SELECT date_trunc('" + bucket.field() + "', occurred_at, 'UTC') AS bucket, action, count(*) AS n FROM snapshot_record"
                + conditions.where() + " GROUP BY 1, 2";
        Map<Instant, Map<String, Long>> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            conditions.bind(c, s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant start = RecordRowMapper.instant(rs, "bucket");
                    counts.computeIfAbsent(start, k -> new TreeMap<>()).put(rs.getString("action"), rs.getLong("n"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not compute the timeline", e);
        }
        return counts;
    }
}
