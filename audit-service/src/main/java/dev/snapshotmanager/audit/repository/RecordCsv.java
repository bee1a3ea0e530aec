package dev.snapshotmanager.audit.repository;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The CSV export's columns: each header next to the SQL expression PostgreSQL formats it with, so that the header
 * and the values cannot drift apart. Times are ISO-8601 UTC instants with microseconds
 * ({@code 2026-11-01T00:00:00.000000Z}: fixed width, so they also sort as text).
 */
public final class RecordCsv {

    private record Column(String header, String expression) {
    }

    private static final String INSTANT = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private static final List<Column> COLUMNS = List.of(
            new Column("id", "event_id"),
            new Column("occurredAt", INSTANT.formatted("occurred_at")),
            new Column("action", "action"),
            new Column("reason", "reason"),
            new Column("error", "error"),
            new Column("dryRun", "dry_run::text"),
            new Column("runId", "run_id"),
            new Column("slot", INSTANT.formatted("slot")),
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
            new Column("receivedAt", INSTANT.formatted("received_at")));

    /** The header names, in column order. */
    public static final List<String> HEADER = COLUMNS.stream().map(Column::header).toList();

    /** The header row, RFC 4180 (CRLF). */
    public static final String HEADER_ROW = String.join(",", HEADER) + "\r\n";

    /** The select list that produces the columns. */
    static final String SELECT = COLUMNS.stream().map(Column::expression).collect(Collectors.joining(", "));

    private RecordCsv() {
    }
}
