package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.common.security.CallerContext;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.policy.domain.PolicySet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Tenant isolation (DOMAIN.md): a token with a tenant claim sees and changes only those tenants' data; GLOBAL sets
 * are visible to everyone but changed only by callers without a tenant claim (admins) or superadmins. Roles are
 * checked on the resources ({@code @RolesAllowed}); this decides about tenants and scopes.
 */
@ApplicationScoped
public class Access {

    @Inject
    CallerContext caller;

    /** Who is changing something (createdBy / updatedBy). */
    public String actor() {
        return caller.name();
    }

    /** The caller's tenants, or null when the caller sees all tenants (for repository filters). */
    public Set<String> visibleTenants() {
        return caller.tenants().orElse(null);
    }

    public boolean canSee(String tenantId) {
        return caller.canSee(tenantId);
    }

    public boolean canSee(PolicySet set) {
        return set.scope == PolicyScope.GLOBAL || caller.canSee(set.tenantId);
    }

    /** 403 unless the caller may change things in this scope (no tenant = GLOBAL). */
    public void requireScope(String tenantId) {
        if (tenantId == null) {
            if (!caller.seesAllTenants()) {
                throw ProblemException.forbidden("GLOBAL-scope policy sets and rules can be changed only by an admin "
                        + "without a tenant claim or by a superadmin");
            }
        } else {
            requireTenant(tenantId);
        }
    }

    /** 403 unless the tenant is one of the caller's. */
    public void requireTenant(String tenantId) {
        if (!caller.canSee(tenantId)) {
            throw ProblemException.forbidden("tenant " + tenantId + " is not among your tenants");
        }
    }
}
