package dev.snapshotmanager.run.repository;

import static dev.snapshotmanager.run.repository.RunInserts.setInstant;

import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.run.domain.PolicySchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/** The schedule projection tables ({@code policy_schedule}, {@code policy_set_version}), in plain SQL. */
@ApplicationScoped
public class PolicyScheduleRepository {

    private static final String COLUMNS = "policy_set_id, policy_name, policy_set_name, set_scope, tenant_id, "
            + "set_active, enabled, cron, time_zone, missed_run_mode, next_slot, schedule_error";

    @Inject
    DataSource dataSource;

    public Optional<PolicySchedule> find(UUID policySetId, String policyName) {
        List<PolicySchedule> found = query("SELECT " + COLUMNS + " FROM policy_schedule WHERE policy_set_id = ? "
                + "AND policy_name = ?", ps -> {
                    ps.setObject(1, policySetId);
                    ps.setString(2, policyName);
                });
        return found.stream().findFirst();
    }

    public List<PolicySchedule> ofSet(UUID policySetId) {
        return query("SELECT " + COLUMNS + " FROM policy_schedule WHERE policy_set_id = ?",
                ps -> ps.setObject(1, policySetId));
    }

    /** Firing policies whose next slot is due at {@code now}. */
    public List<PolicySchedule> due(Instant now, int limit) {
        return query("SELECT " + COLUMNS + " FROM policy_schedule WHERE next_slot <= ? AND set_active AND enabled "
                + "ORDER BY next_slot LIMIT " + limit, ps -> setInstant(ps, 1, now));
    }

    /** The version last applied for a set (locked until the transaction ends), if any. */
    public OptionalLong lockVersion(UUID policySetId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT version FROM policy_set_version WHERE policy_set_id = ? FOR UPDATE")) {
            ps.setObject(1, policySetId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the version of policy set " + policySetId, e);
        }
    }

    public void saveVersion(UUID policySetId, long version, boolean deleted) {
        update("INSERT INTO policy_set_version (policy_set_id, version, deleted) VALUES (?, ?, ?) "
                + "ON CONFLICT (policy_set_id) DO UPDATE SET version = EXCLUDED.version, deleted = EXCLUDED.deleted",
                ps -> {
                    ps.setObject(1, policySetId);
                    ps.setLong(2, version);
                    ps.setBoolean(3, deleted);
                });
    }

    public void upsert(PolicySchedule p, Instant now) {
        update("INSERT INTO policy_schedule (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (policy_set_id, policy_name) DO UPDATE SET policy_set_name = EXCLUDED.policy_set_name, "
                + "set_scope = EXCLUDED.set_scope, tenant_id = EXCLUDED.tenant_id, set_active = EXCLUDED.set_active, "
                + "enabled = EXCLUDED.enabled, cron = EXCLUDED.cron, time_zone = EXCLUDED.time_zone, "
                + "missed_run_mode = EXCLUDED.missed_run_mode, next_slot = EXCLUDED.next_slot, "
                + "schedule_error = EXCLUDED.schedule_error, updated_at = EXCLUDED.updated_at", ps -> {
                    ps.setObject(1, p.policySetId());
                    ps.setString(2, p.policyName());
                    ps.setString(3, p.policySetName());
                    ps.setString(4, p.scope().name());
                    ps.setString(5, p.tenantId());
                    ps.setBoolean(6, p.setActive());
                    ps.setBoolean(7, p.enabled());
                    ps.setString(8, p.cron());
                    ps.setString(9, p.timeZone());
                    ps.setString(10, p.missedRunMode().name());
                    setInstant(ps, 11, p.nextSlot());
                    ps.setString(12, p.scheduleError());
                    setInstant(ps, 13, now);
                });
    }

    public void deleteSet(UUID policySetId) {
        update("DELETE FROM policy_schedule WHERE policy_set_id = ?", ps -> ps.setObject(1, policySetId));
    }

    public void deletePolicy(UUID policySetId, String policyName) {
        update("DELETE FROM policy_schedule WHERE policy_set_id = ? AND policy_name = ?", ps -> {
            ps.setObject(1, policySetId);
            ps.setString(2, policyName);
        });
    }

    /** Moves a policy's next slot from {@code expected} to {@code next}; false when someone moved it already. */
    public boolean advance(UUID policySetId, String policyName, Instant expected, Instant next) {
        return update("UPDATE policy_schedule SET next_slot = ? WHERE policy_set_id = ? AND policy_name = ? "
                + "AND next_slot = ?", ps -> {
                    setInstant(ps, 1, next);
                    ps.setObject(2, policySetId);
                    ps.setString(3, policyName);
                    setInstant(ps, 4, expected);
                }) == 1;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("schedule projection update failed", e);
        }
    }

    private List<PolicySchedule> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<PolicySchedule> rows = new ArrayList<>();
                while (rs.next()) {
                    OffsetDateTime next = rs.getObject(11, OffsetDateTime.class);
                    rows.add(new PolicySchedule(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            PolicyScope.valueOf(rs.getString(4)), rs.getString(5), rs.getBoolean(6),
                            rs.getBoolean(7), rs.getString(8), rs.getString(9),
                            MissedRunMode.valueOf(rs.getString(10)), next == null ? null : next.toInstant(),
                            rs.getString(12)));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("schedule projection query failed", e);
        }
    }
}
