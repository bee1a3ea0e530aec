package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Restricts a run to some domains, projects or volumes. A {@code null} or empty list means no restriction on that
 * dimension; the given dimensions all apply (a volume must match each non-empty list).
 */
public record RunScope(List<String> domainIds, List<String> projectIds, List<String> volumeIds) {

    public RunScope {
        domainIds = Copies.list(domainIds);
        projectIds = Copies.list(projectIds);
        volumeIds = Copies.list(volumeIds);
    }

    /** True when no dimension is restricted: the run covers every volume its policy applies to. */
    @JsonIgnore
    public boolean isUnrestricted() {
        return isEmpty(domainIds) && isEmpty(projectIds) && isEmpty(volumeIds);
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }
}
