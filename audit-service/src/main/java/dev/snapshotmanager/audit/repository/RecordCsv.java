package dev.snapshotmanager.audit.repository;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The CSV export's columns: each header next to the column it comes from and the column's type, so that the header,
 * the values and their decoding cannot drift apart. {@link CsvFromBinaryCopy} writes them from PostgreSQL's binary
 * COPY; times are ISO-8601 UTC instants with microseconds ({@code 2026-11-01T00:00:00.000000Z}: fixed width, so they
 * also sort as text).
 */
public final class RecordCsv {

    private record Column(String header, String column, CopyType type) {
    }

    private static final List<Column> COLUMNS = List.of(
            text("id", "event_id"),
            new Column("occurredAt", "occurred_at", CopyType.INSTANT),
            text("action", "action"),
            text("reason", "reason"),
            text("error", "error"),
            new Column("dryRun", "dry_run", CopyType.BOOLEAN),
            new Column("runId", "run_id", CopyType.UUID),
            new Column("slot", "slot", CopyType.INSTANT),
            new Column("durationMs", "duration_ms", CopyType.INT8),
            text("domainId", "domain_id"),
            text("domainName", "domain_name"),
            text("projectId", "project_id"),
            text("projectName", "project_name"),
            text("serverId", "server_id"),
            text("serverName", "server_name"),
            text("volumeId", "volume_id"),
            text("volumeName", "volume_name"),
            new Column("volumeSizeGb", "volume_size_gb", CopyType.INT4),
            text("snapshotId", "snapshot_id"),
            text("snapshotName", "snapshot_name"),
            text("snapshotStatus", "snapshot_status"),
            new Column("policySetId", "policy_set_id", CopyType.UUID),
            text("policySetName", "policy_set_name"),
            text("policyName", "policy_name"),
            new Column("retentionKeepLast", "retention_keep_last", CopyType.INT4),
            text("retentionMaxAge", "retention_max_age"),
            new Column("receivedAt", "received_at", CopyType.INSTANT));

    /** The header names, in column order. */
    public static final List<String> HEADER = COLUMNS.stream().map(Column::header).toList();

    /** The header row, RFC 4180 (CRLF). */
    public static final String HEADER_ROW = String.join(",", HEADER) + "\r\n";

    /** The select list that produces the columns. */
    static final String SELECT = COLUMNS.stream().map(Column::column).collect(Collectors.joining(", "));

    /** The type of each selected column, in order, for {@link CsvFromBinaryCopy}. */
    static final List<CopyType> TYPES = COLUMNS.stream().map(Column::type).toList();

    private RecordCsv() {
    }

    private static Column text(String header, String column) {
        return new Column(header, column, CopyType.TEXT);
    }
}
