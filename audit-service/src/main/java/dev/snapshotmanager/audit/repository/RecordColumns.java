package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.VolumeResultV1;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of {@code snapshot_record} as written from a {@link VolumeResultV1}: one place that knows how each
 * event field becomes a column, shared by the bulk COPY, the claiming insert and the benchmark's raw COPYs.
 */
public final class RecordColumns {

    /**
     * One written column.
     *
     * @param name  column name
     * @param type  how its values are sent
     * @param value the column value of an event (may be null), of the type's Java class ({@code String},
     *              {@code Instant}, {@code UUID}, {@code Boolean}, {@code Integer}, {@code Long})
     */
    public record Column(String name, CopyType type, Function<VolumeResultV1, Object> value) {

        /**
         * This column's values of the events as a typed Java array ({@code String[]}, {@code Boolean[]}, {@code Long[]}
         * or {@code Integer[]}; instants and UUIDs as text), which the driver binds in PostgreSQL's binary array
         * format: neither side escapes or parses an array literal.
         */
        public Object[] values(List<VolumeResultV1> events) {
            Object[] values = switch (type) {
                case BOOLEAN -> new Boolean[events.size()];
                case INT8 -> new Long[events.size()];
                case INT4 -> new Integer[events.size()];
                default -> new String[events.size()];
            };
            boolean asText = type == CopyType.INSTANT || type == CopyType.UUID;
            for (int i = 0; i < values.length; i++) {
                Object v = value.apply(events.get(i));
                values[i] = asText && v != null ? v.toString() : v;
            }
            return values;
        }
    }

    public static final List<Column> ALL = List.of(
            text("event_id", VolumeResultV1::eventId),
            new Column("occurred_at", CopyType.INSTANT, VolumeResultV1::occurredAt),
            new Column("run_id", CopyType.UUID, VolumeResultV1::runId),
            text("action", e -> e.action().name()),
            text("reason", VolumeResultV1::reason),
            text("error", VolumeResultV1::error),
            new Column("dry_run", CopyType.BOOLEAN, VolumeResultV1::dryRun),
            new Column("slot", CopyType.INSTANT, VolumeResultV1::slot),
            new Column("duration_ms", CopyType.INT8, VolumeResultV1::durationMs),
            text("snapshot_id", e -> e.snapshot() == null ? null : e.snapshot().id()),
            text("snapshot_name", e -> e.snapshot() == null ? null : e.snapshot().name()),
            text("snapshot_status", e -> e.snapshot() == null ? null : e.snapshot().status()),
            text("volume_id", e -> e.volume().id()),
            text("volume_name", e -> e.volume().name()),
            new Column("volume_size_gb", CopyType.INT4, e -> e.volume().sizeGb()),
            text("volume_status", e -> e.volume().status()),
            text("volume_type", e -> e.volume().volumeType()),
            new Column("volume_bootable", CopyType.BOOLEAN, e -> e.volume().bootable()),
            text("domain_id", e -> e.tenant() == null ? null : e.tenant().domainId()),
            text("domain_name", e -> e.tenant() == null ? null : e.tenant().domainName()),
            text("project_id", e -> e.tenant() == null ? null : e.tenant().projectId()),
            text("project_name", e -> e.tenant() == null ? null : e.tenant().projectName()),
            text("server_id", e -> e.server() == null ? null : e.server().id()),
            text("server_name", e -> e.server() == null ? null : e.server().name()),
            new Column("policy_set_id", CopyType.UUID, e -> e.policy() == null ? null : e.policy().policySetId()),
            text("policy_set_name", e -> e.policy() == null ? null : e.policy().policySetName()),
            text("policy_name", e -> e.policy() == null ? null : e.policy().policyName()),
            new Column("retention_keep_last", CopyType.INT4, e -> e.retention() == null ? null : e.retention().keepLast()),
            text("retention_max_age", e -> e.retention() == null ? null : e.retention().maxAge()));

    /** The column names, comma-separated, in {@link #ALL} order. */
    public static final String NAMES = ALL.stream().map(Column::name).collect(Collectors.joining(", "));

    /** COPY of the event ids into {@code record_key}, as {@link #copyKey} writes them. */
    public static final String COPY_KEYS = "COPY record_key (event_id, occurred_at) FROM STDIN (FORMAT binary)";

    /** COPY of the rows into {@code snapshot_record}, as {@link #copyRow} writes them. */
    public static final String COPY_ROWS = copyRowsInto("snapshot_record");

    /**
     * COPY of the rows into {@code table} ({@code snapshot_record} or one of its partitions), as {@link #copyRow}
     * writes them.
     */
    public static String copyRowsInto(String table) {
        return "COPY " + table + " (" + NAMES + ") FROM STDIN (FORMAT binary)";
    }

    /** Appends the event's {@code record_key} row (its id and time). */
    public static void copyKey(BinaryCopyData data, VolumeResultV1 event) {
        data.row(2);
        data.value(CopyType.TEXT, event.eventId());
        data.value(CopyType.INSTANT, event.occurredAt());
    }

    /** Appends the event's {@code snapshot_record} row, its columns in {@link #ALL} order. */
    public static void copyRow(BinaryCopyData data, VolumeResultV1 event) {
        data.row(ALL.size());
        for (Column column : ALL) {
            data.value(column.type(), column.value().apply(event));
        }
    }

    private RecordColumns() {
    }

    private static Column text(String name, Function<VolumeResultV1, Object> value) {
        return new Column(name, CopyType.TEXT, value);
    }
}
