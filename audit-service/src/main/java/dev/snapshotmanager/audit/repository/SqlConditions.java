package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.audit.domain.RecordFilter;
import dev.snapshotmanager.events.VolumeAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A WHERE clause built from a {@link RecordFilter} and the caller's tenant scope, with its parameters. Only bound
 * parameters, never concatenated values.
 */
public final class SqlConditions {

    private static final List<String> TEXT_COLUMNS = List.of("volume_name", "volume_id", "server_name", "server_id",
            "snapshot_name", "snapshot_id", "project_name", "project_id", "domain_name", "policy_name", "reason", "error");

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    private SqlConditions() {
    }

    /**
     * @param tenants the projects the caller may see; empty = all
     */
    public static SqlConditions of(RecordFilter filter, Optional<Set<String>> tenants) {
        SqlConditions c = new SqlConditions();
        tenants.ifPresent(visible -> c.add("project_id = ANY(?)", new TextArray(visible)));
        if (filter.from() != null) {
            c.add("occurred_at >= ?", filter.from());
        }
        if (filter.to() != null) {
            c.add("occurred_at < ?", filter.to());
        }
        if (!filter.actions().isEmpty()) {
            c.add("action = ANY(?)", new TextArray(filter.actions().stream().map(VolumeAction::name).toList()));
        }
        if (filter.projectIds().size() == 1) {
            c.add("project_id = ?", filter.projectIds().get(0));
        } else if (!filter.projectIds().isEmpty()) {
            c.add("project_id = ANY(?)", new TextArray(filter.projectIds()));
        }
        c.equal("project_name", filter.projectName());
        c.equal("domain_id", filter.domainId());
        c.equal("domain_name", filter.domainName());
        c.equal("server_id", filter.serverId());
        c.equal("server_name", filter.serverName());
        c.equal("volume_id", filter.volumeId());
        c.equal("volume_name", filter.volumeName());
        c.equal("snapshot_id", filter.snapshotId());
        c.equal("policy_set_id", filter.policySetId());
        c.equal("policy_name", filter.policyName());
        c.equal("run_id", filter.runId());
        c.equal("dry_run", filter.dryRun());
        if (filter.text() != null && !filter.text().isBlank()) {
            String pattern = "%" + escapeLike(filter.text().trim()) + "%";
            List<String> ors = new ArrayList<>();
            for (String column : TEXT_COLUMNS) {
                ors.add(column + " ILIKE ?");
                c.params.add(pattern);
            }
            c.clauses.add("(" + String.join(" OR ", ors) + ")");
        }
        return c;
    }

    /** Adds a raw condition with its parameters (e.g. the keyset position). */
    public SqlConditions add(String clause, Object... values) {
        clauses.add(clause);
        params.addAll(List.of(values));
        return this;
    }

    private void equal(String column, Object value) {
        if (value != null) {
            add(column + " = ?", value);
        }
    }

    /** {@code WHERE ...}, or an empty string without conditions. */
    public String where() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the parameters starting at index 1; returns the next free index. */
    public int bind(Connection connection, PreparedStatement statement) throws SQLException {
        int index = 1;
        for (Object param : params) {
            if (param instanceof Instant instant) {
                statement.setObject(index++, instant.atOffset(ZoneOffset.UTC));
            } else if (param instanceof TextArray array) {
                statement.setArray(index++, connection.createArrayOf("text", array.values().toArray()));
            } else {
                statement.setObject(index++, param);
            }
        }
        return index;
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record TextArray(Collection<String> values) {
    }
}
