package dev.snapshotmanager.emulator.state;

import java.util.List;
import java.util.function.Predicate;

/**
 * A page request.
 *
 * @param projectId only this project's resources; null for all projects
 * @param filter    what must match
 * @param marker    id of the last item of the previous page, or null
 * @param limit     page size
 * @param sort      sort keys; empty means created_at desc, id desc
 */
public record ListQuery<T>(String projectId, Predicate<T> filter, String marker, int limit, List<SortSpec> sort) {

    /** One sort key and its direction. */
    public record SortSpec(String key, boolean ascending) {
    }

    public boolean defaultOrder() {
        return sort.isEmpty() || sort.equals(List.of(new SortSpec("created_at", false)))
                || sort.equals(List.of(new SortSpec("created_at", false), new SortSpec("id", false)));
    }
}
