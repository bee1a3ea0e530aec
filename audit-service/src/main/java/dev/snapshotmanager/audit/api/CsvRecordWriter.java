package dev.snapshotmanager.audit.api;

import dev.snapshotmanager.audit.domain.AuditRecord;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes records as RFC 4180 CSV (commons-csv): a header row, CRLF line ends, quotes where a value needs them. */
final class CsvRecordWriter implements AutoCloseable {

    static final String[] HEADER = {"id", "occurredAt", "action", "reason", "error", "dryRun", "runId", "slot",
        "durationMs", "domainId", "domainName", "projectId", "projectName", "serverId", "serverName", "volumeId",
        "volumeName", "volumeSizeGb", "snapshotId", "snapshotName", "snapshotStatus", "policySetId", "policySetName",
        "policyName", "retentionKeepLast", "retentionMaxAge", "receivedAt"};

    private final CSVPrinter printer;
    private final List<Object> row = new ArrayList<>(HEADER.length);

    CsvRecordWriter(Writer out) throws IOException {
        printer = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(out);
    }

    void write(AuditRecord r) throws IOException {
        row.clear();
        row.add(r.id());
        row.add(r.occurredAt());
        row.add(r.action());
        row.add(r.reason());
        row.add(r.error());
        row.add(r.dryRun());
        row.add(r.runId());
        row.add(r.slot());
        row.add(r.durationMs());
        row.add(r.tenant() == null ? null : r.tenant().domainId());
        row.add(r.tenant() == null ? null : r.tenant().domainName());
        row.add(r.tenant() == null ? null : r.tenant().projectId());
        row.add(r.tenant() == null ? null : r.tenant().projectName());
        row.add(r.server() == null ? null : r.server().id());
        row.add(r.server() == null ? null : r.server().name());
        row.add(r.volume().id());
        row.add(r.volume().name());
        row.add(r.volume().sizeGb());
        row.add(r.snapshot() == null ? null : r.snapshot().id());
        row.add(r.snapshot() == null ? null : r.snapshot().name());
        row.add(r.snapshot() == null ? null : r.snapshot().status());
        row.add(r.policy() == null ? null : r.policy().policySetId());
        row.add(r.policy() == null ? null : r.policy().policySetName());
        row.add(r.policy() == null ? null : r.policy().policyName());
        row.add(r.retention() == null ? null : r.retention().keepLast());
        row.add(r.retention() == null ? null : r.retention().maxAge());
        row.add(r.receivedAt());
        printer.printRecord(row);
    }

    @Override
    public void close() throws IOException {
        printer.flush();
    }
}
