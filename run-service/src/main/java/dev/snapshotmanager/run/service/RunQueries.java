package dev.snapshotmanager.run.service;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.common.security.CallerContext;
import dev.snapshotmanager.common.time.StorableTimes;
import dev.snapshotmanager.run.domain.Run;
import dev.snapshotmanager.run.repository.RunFilter;
import dev.snapshotmanager.run.repository.RunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Reads runs within the caller's tenants, newest first, with keyset pagination. */
@ApplicationScoped
public class RunQueries {

    @Inject
    RunRepository runs;

    @Inject
    RunService service;

    @Inject
    CallerContext caller;

    /** One page and the cursor of the next one ({@code null} on the last page). */
    public record Page(List<Run> items, String nextCursor) {
    }

    @Transactional
    public Run get(UUID id) {
        return runs.findByIdOptional(id).filter(service::visible)
                .orElseThrow(() -> ProblemException.notFound("run", id));
    }

    @Transactional
    public List<Run> active() {
        return runs.listActive().stream().filter(service::visible).toList();
    }

    @Transactional
    public Page list(RunFilter filter, int limit, String cursor) {
        Instant afterAt = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                afterAt = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
                if (!StorableTimes.contains(afterAt)) {
                    throw new IllegalArgumentException("instant beyond PostgreSQL's range");
                }
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("invalid cursor");
            }
        }
        RunFilter scoped = new RunFilter(filter.policySetId(), filter.policyName(), filter.statuses(),
                filter.trigger(), filter.dryRun(), filter.tenant(), filter.from(), filter.to(), caller.tenants());
        List<Run> page = runs.page(scoped, afterAt, afterId, limit + 1);
        if (page.size() <= limit) {
            return new Page(page, null);
        }
        Run last = page.get(limit - 1);
        String next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.requestedAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        return new Page(page.subList(0, limit), next);
    }
}
