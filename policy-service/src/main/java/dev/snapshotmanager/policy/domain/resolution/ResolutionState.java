package dev.snapshotmanager.policy.domain.resolution;

import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.policy.domain.RuleMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the resolver reads, loaded once per request and indexed for lookups: sets with their policies, rules
 * in decision order, and the assignments and exclusions of the volumes being resolved. Immutable.
 */
public final class ResolutionState {

    /** A policy set as the resolver sees it. */
    public record SetView(UUID id, String name, PolicyScope scope, String tenantId, int priority, boolean active,
            boolean autoApply, Instant createdAt, List<PolicyView> policies) {
    }

    /** A policy as the resolver sees it. */
    public record PolicyView(String name, String cron, String timeZone, Integer keepLast, String maxAge,
            MissedRunMode missedRunMode, boolean enabled) {
    }

    /**
     * An assignment as the resolver sees it; empty {@code policyNames} means all policies of the set. It was made for
     * the volume in project {@code projectId}.
     */
    public record AssignmentView(UUID id, String volumeId, String projectId, UUID policySetId, List<String> policyNames,
            Map<String, Retention> retentionOverrides, boolean autoSnapshot) {
    }

    /** An exclusion as the resolver sees it, made for the volume in project {@code projectId}. */
    public record ExclusionView(UUID id, String volumeId, String projectId, String reason, Instant expiresAt) {
    }

    /** An enabled rule as the resolver sees it; no tenant = GLOBAL. */
    public record RuleView(UUID id, String name, String tenantId, int priority, Instant createdAt, RuleMatch match,
            UUID policySetId, boolean autoSnapshot) {
    }

    /** Decision order of sets: priority (higher first), then the older set, then id. */
    static final Comparator<SetView> SET_ORDER = Comparator.comparingInt(SetView::priority).reversed()
            .thenComparing(SetView::createdAt).thenComparing(SetView::id);

    /** Decision order of rules: priority (higher first), a tenant's rule before a global one, older first, id. */
    static final Comparator<RuleView> RULE_ORDER = Comparator.comparingInt(RuleView::priority).reversed()
            .thenComparing(r -> r.tenantId() == null)
            .thenComparing(RuleView::createdAt).thenComparing(RuleView::id);

    private final Map<UUID, SetView> sets;
    private final Map<String, AssignmentView> assignments;
    private final Map<String, ExclusionView> exclusions;
    private final List<RuleView> rules;
    private final Map<String, List<SetView>> activeSetsByTenant;
    private final List<SetView> activeGlobalSets;

    public ResolutionState(Collection<SetView> sets, Collection<RuleView> rules,
            Collection<AssignmentView> assignments, Collection<ExclusionView> exclusions) {
        this.sets = sets.stream().collect(Collectors.toMap(SetView::id, Function.identity(), (a, b) -> a));
        this.assignments = assignments.stream()
                .collect(Collectors.toMap(AssignmentView::volumeId, Function.identity(), (a, b) -> a));
        this.exclusions = exclusions.stream()
                .collect(Collectors.toMap(ExclusionView::volumeId, Function.identity(), (a, b) -> a));
        this.rules = rules.stream().sorted(RULE_ORDER).toList();
        Map<String, List<SetView>> byTenant = new HashMap<>();
        List<SetView> globals = new ArrayList<>();
        sets.stream().filter(SetView::active).sorted(SET_ORDER).forEach(s -> {
            if (s.scope() == PolicyScope.GLOBAL) {
                globals.add(s);
            } else {
                byTenant.computeIfAbsent(s.tenantId(), t -> new ArrayList<>()).add(s);
            }
        });
        this.activeSetsByTenant = byTenant;
        this.activeGlobalSets = List.copyOf(globals);
    }

    public Optional<SetView> set(UUID id) {
        return Optional.ofNullable(id == null ? null : sets.get(id));
    }

    public Optional<AssignmentView> assignment(String volumeId) {
        return Optional.ofNullable(assignments.get(volumeId));
    }

    public Optional<ExclusionView> exclusion(String volumeId) {
        return Optional.ofNullable(exclusions.get(volumeId));
    }

    /** Enabled rules in decision order. */
    public List<RuleView> rules() {
        return rules;
    }

    /** Active sets of a tenant, in decision order. */
    public List<SetView> activeTenantSets(String tenantId) {
        return tenantId == null ? List.of() : activeSetsByTenant.getOrDefault(tenantId, List.of());
    }

    /** Active GLOBAL sets, in decision order. */
    public List<SetView> activeGlobalSets() {
        return activeGlobalSets;
    }
}
