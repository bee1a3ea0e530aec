package dev.snapshotmanager.policy.repository;

import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.policy.domain.PolicySet;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class PolicySetRepository implements PanacheRepositoryBase<PolicySet, UUID> {

    /** The set of this name in this scope (names are unique among globals and per tenant). */
    public Optional<PolicySet> findByName(PolicyScope scope, String tenantId, String name) {
        return scope == PolicyScope.GLOBAL
                ? find("scope = ?1 and name = ?2", PolicyScope.GLOBAL, name).firstResultOptional()
                : find("scope = ?1 and tenantId = ?2 and name = ?3", PolicyScope.TENANT, tenantId, name)
                        .firstResultOptional();
    }

    /** A page ordered by (name, id), after the cursor's (name, id); {@code visibleTenants} null = all. */
    public List<PolicySet> list(PolicyScope scope, String tenantId, Boolean active, String nameContains,
            Set<String> visibleTenants, String afterName, UUID afterId, int limit) {
        Where where = new Where()
                .and("scope = :scope", "scope", scope)
                .and("tenantId = :tenantId", "tenantId", tenantId)
                .and("active = :active", "active", active)
                .and("lower(name) like :q", "q", nameContains == null ? null
                        : "%" + nameContains.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%")
                .and("(scope = dev.snapshotmanager.events.PolicyScope.GLOBAL or tenantId in :visible)", "visible",
                        visibleTenants);
        if (afterName != null) {
            where.and("(name > :afterName or (name = :afterName and id > :afterId))",
                    "afterName", afterName, "afterId", afterId);
        }
        return find(where.query("name, id"), where.params()).page(0, limit).list();
    }
}
