package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.policy.api.PolicyRequest;
import dev.snapshotmanager.policy.api.PolicySetRequest;
import dev.snapshotmanager.policy.domain.Policy;
import dev.snapshotmanager.policy.domain.PolicySet;
import dev.snapshotmanager.policy.repository.AssignmentRepository;
import dev.snapshotmanager.policy.repository.PolicySetRepository;
import dev.snapshotmanager.policy.repository.RuleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Policy sets and their policies; every change writes PolicyChangedV1 to the outbox in the same transaction. */
@ApplicationScoped
public class PolicySetService {

    @Inject
    PolicySetRepository sets;

    @Inject
    AssignmentRepository assignments;

    @Inject
    RuleRepository rules;

    @Inject
    PolicyEvents events;

    @Inject
    Access access;

    @Transactional
    public PolicySet create(PolicySetRequest r) {
        PolicySetValidator.validateCreate(r);
        String tenantId = r.scope() == PolicyScope.TENANT ? r.tenantId() : null;
        access.requireScope(tenantId);
        requireUniqueName(r.scope(), tenantId, r.name(), null);
        Instant now = now();
        PolicySet set = new PolicySet();
        set.id = UUID.randomUUID();
        set.name = r.name();
        set.description = r.description();
        set.scope = r.scope();
        set.tenantId = tenantId;
        set.priority = r.priority() == null ? 100 : r.priority();
        set.active = r.active() == null || r.active();
        set.autoApply = Boolean.TRUE.equals(r.autoApply());
        set.createdAt = now;
        set.createdBy = access.actor();
        set.updatedAt = now;
        set.updatedBy = set.createdBy;
        replacePolicies(set, r.policies() == null ? List.of() : r.policies());
        sets.persist(set);
        sets.flush();
        events.changed(set);
        return set;
    }

    public PolicySet get(UUID id) {
        PolicySet set = sets.findByIdOptional(id).filter(access::canSee)
                .orElseThrow(() -> ProblemException.notFound("Policy set", id));
        return set;
    }

    public List<PolicySet> list(PolicyScope scope, String tenantId, Boolean active, String q, String afterName,
            UUID afterId, int limit) {
        Set<String> visible = access.visibleTenants();
        return sets.list(scope, tenantId, active, q, visible, afterName, afterId, limit);
    }

    @Transactional
    public PolicySet update(UUID id, Long expectedVersion, PolicySetRequest r) {
        PolicySet set = get(id);
        access.requireScope(set.tenantId);
        Versions.requireVersion(set.version, expectedVersion);
        PolicySetValidator.validatePatch(set, r);
        if (r.name() != null && !r.name().equals(set.name)) {
            requireUniqueName(set.scope, set.tenantId, r.name(), set.id);
            set.name = r.name();
        }
        if (r.description() != null) {
            set.description = r.description();
        }
        if (r.priority() != null) {
            set.priority = r.priority();
        }
        if (r.active() != null) {
            set.active = r.active();
        }
        if (r.autoApply() != null) {
            set.autoApply = r.autoApply();
        }
        if (r.policies() != null) {
            replacePolicies(set, r.policies());
        }
        set.updatedAt = now();
        set.updatedBy = access.actor();
        Versions.flushOrPreconditionFailed(sets, "Policy set " + id);
        events.changed(set);
        return set;
    }

    /**
     * Deletes a set; 409 while assignments or rules reference it, unless {@code force}, which detaches them.
     */
    @Transactional
    public void delete(UUID id, Long expectedVersion, boolean force) {
        PolicySet set = get(id);
        access.requireScope(set.tenantId);
        Versions.requireVersion(set.version, expectedVersion);
        long assigned = assignments.countBySet(id);
        long ruled = rules.countBySet(id);
        if ((assigned > 0 || ruled > 0) && !force) {
            Object referencing = assigned > 0 ? assignments.firstBySet(id).map(a -> a.id).orElse(null)
                    : rules.firstBySet(id).map(rule -> rule.id).orElse(null);
            throw ProblemException.conflict("Policy set " + set.name + " is referenced by " + assigned
                    + " assignment(s) and " + ruled + " rule(s); detach them or delete with ?force=true", referencing)
                    .with("assignments", assigned).with("rules", ruled);
        }
        assignments.detachSet(id);
        rules.detachSet(id);
        events.deleted(set, access.actor(), now());
        sets.delete(set);
    }

    private void requireUniqueName(PolicyScope scope, String tenantId, String name, UUID self) {
        sets.findByName(scope, tenantId, name).filter(existing -> !existing.id.equals(self)).ifPresent(existing -> {
            throw ProblemException.conflict("A policy set named " + name + " already exists in this scope ("
                    + existing.id + ")", existing.id);
        });
    }

    /** Updates policies in place by name (keeps ids, avoids unique-name clashes), removes the missing, adds new. */
    private static void replacePolicies(PolicySet set, List<PolicyRequest> wanted) {
        Map<String, Policy> existing = set.policies.stream()
                .collect(Collectors.toMap(p -> p.name, Function.identity()));
        List<Policy> next = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            PolicyRequest w = wanted.get(i);
            Policy p = existing.get(w.name());
            if (p == null) {
                p = new Policy();
                p.id = UUID.randomUUID();
                p.policySet = set;
                p.name = w.name();
            }
            p.position = i;
            p.description = w.description();
            p.cron = w.cron().trim();
            p.timeZone = w.timeZone() == null ? "UTC" : w.timeZone();
            p.keepLast = w.keepLast();
            p.maxAge = w.maxAge();
            p.missedRunMode = w.missedRunMode() == null ? MissedRunMode.SKIP : w.missedRunMode();
            p.enabled = w.enabled() == null || w.enabled();
            next.add(p);
        }
        set.policies.removeIf(p -> !next.contains(p));
        for (Policy p : next) {
            if (!set.policies.contains(p)) {
                set.policies.add(p);
            }
        }
        set.policies.sort((a, b) -> Integer.compare(a.position, b.position));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
