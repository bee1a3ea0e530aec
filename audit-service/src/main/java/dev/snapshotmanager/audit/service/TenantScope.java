package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.domain.RecordFilter;
import dev.snapshotmanager.audit.repository.SqlConditions;
import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.common.security.CallerContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Confines every query to the caller's tenants: a caller limited by the token's tenant claim never reads another
 * tenant's rows, in lists, single records, statistics, timelines, exports and compliance alike.
 */
@RequestScoped
public class TenantScope {

    @Inject
    CallerContext caller;

    /** The projects the caller may see; empty = all. */
    public Optional<Set<String>> visibleTenants() {
        return caller.tenants();
    }

    /**
     * The SQL conditions of a filter within the caller's tenants.
     *
     * @throws ProblemException 403 when the filter names a project the caller may not see
     */
    public SqlConditions conditions(RecordFilter filter) {
        requireVisible(filter.projectIds());
        return SqlConditions.of(filter, visibleTenants());
    }

    public void requireVisible(List<String> projectIds) {
        for (String projectId : projectIds) {
            if (!caller.canSee(projectId)) {
                throw ProblemException.forbidden("Your token does not cover project " + projectId);
            }
        }
    }
}
