package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.policy.api.RuleRequest;
import dev.snapshotmanager.policy.domain.AssignmentRule;
import dev.snapshotmanager.policy.domain.PolicySet;
import dev.snapshotmanager.policy.domain.RuleMatch;
import dev.snapshotmanager.policy.domain.Violations;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.RuleView;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import dev.snapshotmanager.policy.repository.PolicySetRepository;
import dev.snapshotmanager.policy.repository.RuleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Assignment rules: CRUD and "which rule would decide this volume". */
@ApplicationScoped
public class RuleService {

    @Inject
    Event<ResolutionInputsChanged> changes;

    /** The rules that match a volume, in decision order; the first one decides. */
    public record RuleTest(UUID decidingRuleId, String decidingRuleName, List<UUID> matchingRuleIds) {
    }

    @Inject
    RuleRepository rules;

    @Inject
    PolicySetRepository sets;

    @Inject
    Access access;

    public AssignmentRule get(UUID id) {
        return rules.findByIdOptional(id).filter(r -> r.tenantId == null ? access.visibleTenants() == null
                : access.canSee(r.tenantId)).orElseThrow(() -> ProblemException.notFound("Rule", id));
    }

    public List<AssignmentRule> list(String tenantId, Boolean global, String afterName, UUID afterId, int limit) {
        return rules.list(tenantId, global, access.visibleTenants(), afterName, afterId, limit);
    }

    @Transactional
    public AssignmentRule create(RuleRequest r) {
        changes.fire(new ResolutionInputsChanged("rule"));
        Violations v = new Violations();
        v.name("name", r.name());
        validate(v, r.tenantId(), r, false);
        v.throwIfAny("The rule is not valid");
        access.requireScope(r.tenantId());
        requireUniqueName(r.tenantId(), r.name(), null);
        AssignmentRule rule = new AssignmentRule();
        rule.id = UUID.randomUUID();
        rule.name = r.name();
        rule.tenantId = r.tenantId();
        rule.createdAt = PolicySetService.now();
        rule.createdBy = access.actor();
        rule.priority = 100;
        rule.enabled = true;
        rule.autoSnapshot = true;
        apply(rule, r);
        rules.persist(rule);
        return rule;
    }

    @Transactional
    public AssignmentRule update(UUID id, Long expectedVersion, RuleRequest r) {
        changes.fire(new ResolutionInputsChanged("rule"));
        AssignmentRule rule = get(id);
        access.requireScope(rule.tenantId);
        Versions.requireVersion(rule.version, expectedVersion);
        Violations v = new Violations();
        if (r.name() != null) {
            v.name("name", r.name());
        }
        if (r.tenantId() != null && !r.tenantId().equals(rule.tenantId)) {
            v.add("tenantId", "cannot change; create a new rule instead");
        }
        RuleRequest merged = new RuleRequest(or(r.name(), rule.name), or(r.description(), rule.description),
                rule.tenantId, or(r.priority(), rule.priority), or(r.enabled(), rule.enabled), or(r.match(), rule.match),
                r.policySetId() != null ? r.policySetId() : rule.policySetId, or(r.autoSnapshot(), rule.autoSnapshot));
        // A rule detached by a forced set delete may still be renamed, re-prioritized or disabled as it is.
        boolean staysDetached = rule.policySetId == null && rule.autoSnapshot && r.policySetId() == null
                && r.autoSnapshot() == null;
        validate(v, rule.tenantId, merged, staysDetached);
        v.throwIfAny("The rule change is not valid");
        if (!merged.name().equals(rule.name)) {
            requireUniqueName(rule.tenantId, merged.name(), rule.id);
            rule.name = merged.name();
        }
        apply(rule, merged);
        Versions.flushOrPreconditionFailed(rules, "Rule " + id);
        return rule;
    }

    @Transactional
    public void delete(UUID id, Long expectedVersion) {
        changes.fire(new ResolutionInputsChanged("rule"));
        AssignmentRule rule = get(id);
        access.requireScope(rule.tenantId);
        Versions.requireVersion(rule.version, expectedVersion);
        rules.delete(rule);
    }

    /** Tests one rule ({@code ruleId}) or every enabled rule that can apply to the volume. */
    public RuleTest test(VolumeDescription volume, UUID ruleId) {
        if (volume == null) {
            throw ProblemException.unprocessable("volume is required",
                    new Violations().add("volume", "must not be null").list());
        }
        List<AssignmentRule> candidates = ruleId != null ? List.of(get(ruleId))
                : rules.enabledFor(volume.projectId() == null ? Set.of() : Set.of(volume.projectId())).stream()
                        .filter(r -> r.tenantId == null || access.canSee(r.tenantId)).toList();
        List<RuleView> ordered = new ResolutionState(List.of(), candidates.stream().map(RuleService::view).toList(),
                List.of(), List.of()).rules();
        List<RuleView> matching = ordered.stream()
                .filter(r -> r.tenantId() == null || r.tenantId().equals(volume.projectId()))
                .filter(r -> r.match().matches(volume.domainName(), volume.projectName(), volume.nameForMatching(),
                        volume.isBootable(), volume.sizeGb(), volume.volumeType(), volume.metadata()))
                .toList();
        RuleView first = matching.isEmpty() ? null : matching.get(0);
        return new RuleTest(first == null ? null : first.id(), first == null ? null : first.name(),
                matching.stream().map(RuleView::id).toList());
    }

    static RuleView view(AssignmentRule r) {
        return new RuleView(r.id, r.name, r.tenantId, r.priority, r.createdAt, r.match, r.policySetId,
                r.autoSnapshot);
    }

    private void validate(Violations v, String tenantId, RuleRequest r, boolean detachedAllowed) {
        v.range("priority", r.priority(), 0, 1000);
        v.text("description", r.description());
        RuleMatch m = r.match();
        if (m != null) {
            v.range("match.minSizeGb", m.minSizeGb(), 0, Integer.MAX_VALUE);
            v.range("match.maxSizeGb", m.maxSizeGb(), 0, Integer.MAX_VALUE);
            if (m.minSizeGb() != null && m.maxSizeGb() != null && m.minSizeGb() > m.maxSizeGb()) {
                v.add("match.maxSizeGb", "must not be below minSizeGb");
            }
        }
        boolean auto = r.autoSnapshot() == null || r.autoSnapshot();
        if (!auto) {
            return;
        }
        if (r.policySetId() == null) {
            if (!detachedAllowed) {
                v.add("policySetId", "is required unless autoSnapshot is false");
            }
            return;
        }
        PolicySet set = sets.findByIdOptional(r.policySetId()).filter(access::canSee).orElse(null);
        if (set == null) {
            v.add("policySetId", "no such policy set");
        } else if (set.scope == PolicyScope.TENANT && !Objects.equals(set.tenantId, tenantId)) {
            v.add("policySetId", tenantId == null ? "a GLOBAL rule can use only GLOBAL sets"
                    : "belongs to another tenant");
        }
    }

    private void requireUniqueName(String tenantId, String name, UUID self) {
        rules.findByName(tenantId, name).filter(existing -> !existing.id.equals(self)).ifPresent(existing -> {
            throw ProblemException.conflict("A rule named " + name + " already exists in this scope ("
                    + existing.id + ")", existing.id);
        });
    }

    private void apply(AssignmentRule rule, RuleRequest r) {
        if (r.description() != null) {
            rule.description = r.description();
        }
        if (r.priority() != null) {
            rule.priority = r.priority();
        }
        if (r.enabled() != null) {
            rule.enabled = r.enabled();
        }
        if (r.match() != null) {
            rule.match = r.match();
        }
        if (r.autoSnapshot() != null) {
            rule.autoSnapshot = r.autoSnapshot();
        }
        rule.policySetId = rule.autoSnapshot ? r.policySetId() : null;
        rule.updatedAt = PolicySetService.now();
        rule.updatedBy = access.actor();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
