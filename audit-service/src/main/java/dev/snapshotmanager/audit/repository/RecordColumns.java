package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.VolumeResultV1;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of {@code snapshot_record} as written from a {@link VolumeResultV1}: one place that knows how each
 * event field becomes a column, shared by the batch insert and the benchmark's raw COPY.
 */
public final class RecordColumns {

    /**
     * One written column.
     *
     * @param name      column name
     * @param arrayType the element type the values are bound as: text, bool, int8 or int4
     * @param sqlArray  the SQL array type the parameter is cast to
     * @param value     the column value of an event (may be null)
     */
    public record Column(String name, String arrayType, String sqlArray, Function<VolumeResultV1, Object> value) {

        /**
         * This column's values of the events as a typed Java array ({@code String[]}, {@code Boolean[]}, {@code Long[]}
         * or {@code Integer[]}), which the driver binds in PostgreSQL's binary array format: neither side escapes or
         * parses an array literal.
         */
        public Object[] values(List<VolumeResultV1> events) {
            Object[] values = switch (arrayType) {
                case "bool" -> new Boolean[events.size()];
                case "int8" -> new Long[events.size()];
                case "int4" -> new Integer[events.size()];
                default -> new String[events.size()];
            };
            for (int i = 0; i < values.length; i++) {
                values[i] = value.apply(events.get(i));
            }
            return values;
        }
    }

    public static final List<Column> ALL = List.of(
            text("event_id", VolumeResultV1::eventId),
            new Column("occurred_at", "text", "timestamptz[]", e -> instant(e.occurredAt())),
            new Column("run_id", "text", "uuid[]", e -> e.runId().toString()),
            text("action", e -> e.action().name()),
            text("reason", VolumeResultV1::reason),
            text("error", VolumeResultV1::error),
            new Column("dry_run", "bool", "boolean[]", VolumeResultV1::dryRun),
            new Column("slot", "text", "timestamptz[]", e -> instant(e.slot())),
            new Column("duration_ms", "int8", "bigint[]", VolumeResultV1::durationMs),
            text("snapshot_id", e -> e.snapshot() == null ? null : e.snapshot().id()),
            text("snapshot_name", e -> e.snapshot() == null ? null : e.snapshot().name()),
            text("snapshot_status", e -> e.snapshot() == null ? null : e.snapshot().status()),
            text("volume_id", e -> e.volume().id()),
            text("volume_name", e -> e.volume().name()),
            new Column("volume_size_gb", "int4", "integer[]", e -> e.volume().sizeGb()),
            text("volume_status", e -> e.volume().status()),
            text("volume_type", e -> e.volume().volumeType()),
            new Column("volume_bootable", "bool", "boolean[]", e -> e.volume().bootable()),
            text("domain_id", e -> e.tenant() == null ? null : e.tenant().domainId()),
            text("domain_name", e -> e.tenant() == null ? null : e.tenant().domainName()),
            text("project_id", e -> e.tenant() == null ? null : e.tenant().projectId()),
            text("project_name", e -> e.tenant() == null ? null : e.tenant().projectName()),
            text("server_id", e -> e.server() == null ? null : e.server().id()),
            text("server_name", e -> e.server() == null ? null : e.server().name()),
            new Column("policy_set_id", "text", "uuid[]",
                    e -> e.policy() == null || e.policy().policySetId() == null ? null : e.policy().policySetId().toString()),
            text("policy_set_name", e -> e.policy() == null ? null : e.policy().policySetName()),
            text("policy_name", e -> e.policy() == null ? null : e.policy().policyName()),
            new Column("retention_keep_last", "int4", "integer[]",
                    e -> e.retention() == null ? null : e.retention().keepLast()),
            text("retention_max_age", e -> e.retention() == null ? null : e.retention().maxAge()));

    /** The column names, comma-separated, in {@link #ALL} order. */
    public static final String NAMES = ALL.stream().map(Column::name).collect(Collectors.joining(", "));

    private RecordColumns() {
    }

    private static Column text(String name, Function<VolumeResultV1, Object> value) {
        return new Column(name, "text", "text[]", value);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
