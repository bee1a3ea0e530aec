package dev.snapshotmanager.audit.repository;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The CSV export's columns: each header next to the SQL expression PostgreSQL formats it with, so that the header
 * and the values cannot drift apart. Times are ISO-8601 UTC instants with microseconds
 * ({@code 2026-11-01T00:00:00.000000Z}: fixed width, so they also sort as text): PostgreSQL writes them as UTC
 * {@code timestamp}s and {@link CsvExportStream} gives them that form.
 */
public final class RecordCsv {

    private record Column(String header, String expression, boolean instant) {

        Column(String header, String expression) {
            this(header, expression, false);
        }

        static Column instant(String header, String column) {
            return new Column(header, "(" + column + " AT TIME ZONE 'UTC')", true);
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("id", "event_id"),
            Column.instant("occurredAt", "occurred_at"),
            new Column("action", "action"),
            new Column("reason", "reason"),
            new Column("error", "error"),
            new Column("dryRun", "dry_run::text"),
            new Column("runId", "run_id"),
            Column.instant("slot", "slot"),
            new Column("durationMs", "duration_ms"),
            new Column("domainId", "domain_id"),
            new Column("domainName", "domain_name"),
            new Column("projectId", "project_id"),
            new Column("projectName", "project_name"),
            new Column("serverId", "server_id"),
            new Column("serverName", "server_name"),
            new Column("volumeId", "volume_id"),
            new Column("volumeName", "volume_name"),
            new Column("volumeSizeGb", "volume_size_gb"),
            new Column("snapshotId", "snapshot_id"),
            new Column("snapshotName", "snapshot_name"),
            new Column("snapshotStatus", "snapshot_status"),
            new Column("policySetId", "policy_set_id"),
            new Column("policySetName", "policy_set_name"),
            new Column("policyName", "policy_name"),
            new Column("retentionKeepLast", "retention_keep_last"),
            new Column("retentionMaxAge", "retention_max_age"),
            Column.instant("receivedAt", "received_at"));

    /** The header names, in column order. */
    public static final List<String> HEADER = COLUMNS.stream().map(Column::header).toList();

    /** The header row, RFC 4180 (CRLF). */
    public static final String HEADER_ROW = String.join(",", HEADER) + "\r\n";

    /** Zero-based indexes of the instant columns, for {@link CsvExportStream}. */
    static final Set<Integer> INSTANT_COLUMNS = IntStream.range(0, COLUMNS.size()).filter(i -> COLUMNS.get(i).instant())
            .boxed().collect(Collectors.toUnmodifiableSet());

    /** The select list that produces the columns. */
    static final String SELECT = COLUMNS.stream().map(Column::expression).collect(Collectors.joining(", "));

    private RecordCsv() {
    }
}
