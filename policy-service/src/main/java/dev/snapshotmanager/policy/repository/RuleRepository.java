package dev.snapshotmanager.policy.repository;

import dev.snapshotmanager.policy.domain.AssignmentRule;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class RuleRepository implements PanacheRepositoryBase<AssignmentRule, UUID> {

    /** The rule of this name in its scope (no tenant = GLOBAL). */
    public Optional<AssignmentRule> findByName(String tenantId, String name) {
        return tenantId == null
                ? find("tenantId is null and name = ?1", name).firstResultOptional()
                : find("tenantId = ?1 and name = ?2", tenantId, name).firstResultOptional();
    }

    public long countBySet(UUID policySetId) {
        return count("policySetId", policySetId);
    }

    public Optional<AssignmentRule> firstBySet(UUID policySetId) {
        return find("policySetId = ?1 order by name", policySetId).firstResultOptional();
    }

    /** Detaches every rule from a deleted set (such a rule decides "no policies" until it gets a new set). */
    public int detachSet(UUID policySetId) {
        return update("policySetId = null where policySetId = ?1", policySetId);
    }

    /**
     * Rules in (name, id) order. {@code visibleTenants} null = all rules; otherwise only those tenants' rules.
     */
    public List<AssignmentRule> list(String tenantId, Boolean global, Set<String> visibleTenants, String afterName,
            UUID afterId, int limit) {
        Where where = new Where()
                .and("tenantId = :tenant", "tenant", tenantId)
                .and("tenantId in :visible", "visible", visibleTenants);
        if (Boolean.TRUE.equals(global)) {
            where.and("tenantId is null");
        }
        if (afterName != null) {
            where.and("(name > :afterName or (name = :afterName and id > :afterId))",
                    "afterName", afterName, "afterId", afterId);
        }
        return find(where.query("name, id"), where.params()).page(0, limit).list();
    }

    /** Enabled rules that can apply to volumes of these tenants (theirs and GLOBAL ones). */
    public List<AssignmentRule> enabledFor(Set<String> tenants) {
        return list("enabled = true and (tenantId is null or tenantId in ?1)", tenants.isEmpty() ? Set.of("") : tenants);
    }
}
