package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.config.AuditConfig;
import dev.snapshotmanager.audit.domain.AuditRecord;
import dev.snapshotmanager.audit.domain.PageCursor;
import dev.snapshotmanager.audit.domain.RecordFilter;
import dev.snapshotmanager.audit.domain.SortOrder;
import dev.snapshotmanager.audit.repository.RecordReader;
import dev.snapshotmanager.audit.repository.SqlConditions;
import dev.snapshotmanager.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Record search within the caller's tenants: keyset pages with an optional capped total, and single records. */
@ApplicationScoped
public class RecordSearch {

    @Inject
    RecordReader reader;

    @Inject
    TenantScope scope;

    @Inject
    AuditConfig config;

    /** One page of a search. */
    public record Page(List<AuditRecord> items, String nextCursor, Long total, Boolean totalCapped) {
    }

    public Page search(RecordFilter filter, SortOrder order, String cursor, int limit, boolean includeTotal) {
        PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor.trim(), order);
        List<AuditRecord> rows = reader.page(scope.conditions(filter), order, after, limit);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            AuditRecord last = rows.get(limit - 1);
            next = new PageCursor(order, last.occurredAt(), last.seq()).encode();
        }
        Long total = null;
        Boolean capped = null;
        if (includeTotal) {
            int cap = config.query().totalCap();
            long counted = reader.countUpTo(scope.conditions(filter), cap);
            total = Math.min(counted, cap);
            capped = counted > cap;
        }
        return new Page(List.copyOf(rows), next, total, capped);
    }

    /**
     * @throws ProblemException 404 when it does not exist or belongs to a tenant the caller may not see
     */
    public AuditRecord get(String id) {
        if (id.indexOf('\0') >= 0) {
            // no stored id holds one, and PostgreSQL refuses it in a text parameter
            throw ProblemException.notFound("Record", id.replace("\0", "\\0"));
        }
        SqlConditions conditions = SqlConditions.of(RecordFilter.none(), scope.visibleTenants());
        return reader.find(id, conditions).orElseThrow(() -> ProblemException.notFound("Record", id));
    }
}
