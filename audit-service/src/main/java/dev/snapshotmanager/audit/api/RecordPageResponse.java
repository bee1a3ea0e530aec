package dev.snapshotmanager.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.snapshotmanager.audit.domain.AuditRecord;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of records.
 *
 * @param nextCursor  pass as {@code cursor} for the next page; absent on the last page
 * @param total       matching records, when {@code includeTotal=true}, at most the cap
 * @param totalCapped true when there are more matching records than {@code total}
 */
@Schema(name = "RecordPage")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordPageResponse(List<AuditRecord> items, String nextCursor, Long total, Boolean totalCapped) {
}
