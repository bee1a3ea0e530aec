package dev.snapshotmanager.run.repository;

import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.run.domain.NewRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Inserts runs with {@code ON CONFLICT DO NOTHING}: the unique indexes (one run per scheduled slot, one active run
 * per policy) decide between concurrent requests and scheduler replicas, and a lost race does not abort the
 * caller's transaction.
 */
@ApplicationScoped
public class RunInserts {

    private static final String INSERT = "INSERT INTO run (id, status, trigger, policy_set_id, policy_set_name, "
            + "policy_name, slot, dry_run, scope, all_tenants, requested_by, request_reason, status_reason, "
            + "requested_at, finished_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    @Inject
    DataSource dataSource;

    /** Inserts the run unless a unique index forbids it; true when inserted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertIfAllowed(NewRun run) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setObject(1, run.id());
                insert.setString(2, run.status().name());
                insert.setString(3, run.trigger().name());
                insert.setObject(4, run.policy().policySetId());
                insert.setString(5, run.policy().policySetName());
                insert.setString(6, run.policy().policyName());
                setInstant(insert, 7, run.slot());
                insert.setBoolean(8, run.dryRun());
                insert.setString(9, run.scope() == null || run.scope().isUnrestricted() ? null
                        : EventJson.toJson(run.scope()));
                insert.setBoolean(10, run.tenants() == null);
                insert.setString(11, run.requestedBy());
                insert.setString(12, run.requestReason());
                insert.setString(13, run.statusReason());
                setInstant(insert, 14, run.requestedAt());
                setInstant(insert, 15, run.finishedAt());
                setInstant(insert, 16, run.requestedAt());
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            if (run.tenants() != null && !run.tenants().isEmpty()) {
                try (PreparedStatement tenant = c.prepareStatement(
                        "INSERT INTO run_tenant (run_id, tenant_id) VALUES (?, ?)")) {
                    for (String tenantId : run.tenants()) {
                        tenant.setObject(1, run.id());
                        tenant.setString(2, tenantId);
                        tenant.addBatch();
                    }
                    tenant.executeBatch();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not insert run " + run.id(), e);
        }
    }

    /** The id of the scheduled run (or MISSED record) of a policy's slot, if there is one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Optional<UUID> scheduledRunOf(UUID policySetId, String policyName, Instant slot) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT id FROM run WHERE policy_set_id = ? "
                        + "AND policy_name = ? AND slot = ? AND trigger = 'SCHEDULED'")) {
            select.setObject(1, policySetId);
            select.setString(2, policyName);
            setInstant(select, 3, slot);
            try (var rs = select.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getObject(1, UUID.class)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up the run of slot " + slot, e);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }
}
