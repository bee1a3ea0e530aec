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
import java.util.UUID;
import org.postgresql.core.Utils;

/**
 * A WHERE clause built from a {@link RecordFilter} and the caller's tenant scope, with its parameters. Only bound
 * parameters, never concatenated values.
 */
public final class SqlConditions {

    /**
     * What free text ({@code q}) searches, as README "Record filters" lists it: names and ids of the volume, server,
     * snapshot, project, domain and policy set, the policy name, the run id, the record's (event) id, reason and
     * error. The uuid columns are searched as their text (lower case, which ILIKE matches in any case).
     */
    private static final List<String> TEXT_COLUMNS = List.of("volume_name", "volume_id", "server_name", "server_id",
            "snapshot_name", "snapshot_id", "project_name", "project_id", "domain_name", "domain_id", "policy_set_name",
            "policy_set_id::text", "policy_name", "run_id::text", "event_id", "reason", "error");

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

    /**
     * {@code WHERE ...} with every parameter written as a SQL literal, for the one statement that takes no parameters
     * ({@code COPY (SELECT ...) TO STDOUT}). Values are never concatenated raw: strings go through the driver's
     * literal escaping (for the connection's {@code standard_conforming_strings}), everything else is typed.
     */
    public String whereInline(boolean standardConformingStrings) throws SQLException {
        String where = where();
        StringBuilder sql = new StringBuilder(where.length() + 64 * params.size());
        int param = 0;
        for (int i = 0; i < where.length(); i++) {
            char ch = where.charAt(i);
            if (ch == '?') {
                literal(sql, params.get(param++), standardConformingStrings);
            } else {
                sql.append(ch);
            }
        }
        if (param != params.size()) {
            throw new IllegalStateException("placeholders and parameters differ: " + param + " vs " + params.size());
        }
        return sql.toString();
    }

    private static void literal(StringBuilder sql, Object value, boolean standardConformingStrings) throws SQLException {
        if (value instanceof String text) {
            quoted(sql, text, standardConformingStrings);
        } else if (value instanceof Instant instant) {
            quoted(sql, instant.toString(), standardConformingStrings);
            sql.append("::timestamptz");
        } else if (value instanceof UUID uuid) {
            quoted(sql, uuid.toString(), standardConformingStrings);
            sql.append("::uuid");
        } else if (value instanceof Boolean bool) {
            sql.append(bool ? "TRUE" : "FALSE");
        } else if (value instanceof Long || value instanceof Integer) {
            sql.append(value);
        } else if (value instanceof TextArray array) {
            sql.append("ARRAY[");
            boolean first = true;
            for (String element : array.values()) {
                sql.append(first ? "" : ",");
                quoted(sql, element, standardConformingStrings);
                first = false;
            }
            sql.append("]::text[]");
        } else {
            throw new IllegalArgumentException("no SQL literal for a " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private static void quoted(StringBuilder sql, String text, boolean standardConformingStrings) throws SQLException {
        sql.append('\'');
        Utils.escapeLiteral(sql, text, standardConformingStrings);
        sql.append('\'');
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record TextArray(Collection<String> values) {
    }
}
