package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.domain.ComplianceEntry;
import dev.snapshotmanager.audit.domain.ComplianceStatus;
import dev.snapshotmanager.audit.domain.PolicyCadence;
import dev.snapshotmanager.audit.repository.ComplianceReader.PolicyRow;
import dev.snapshotmanager.audit.repository.ComplianceReader.StateRow;
import dev.snapshotmanager.audit.repository.ComplianceReader.VolumeRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Judges one volume against the policies expected of it (DOMAIN.md "Compliance"). Which policies are expected is
 * inferred from what audit-service sees, in this order: the policies the volume has records of; else an explicit
 * opt-out in its Cinder metadata (EXCLUDED); else the policies its metadata names; else the highest-priority active
 * auto-apply set of its tenant, then of GLOBAL scope; else none (UNCOVERED).
 */
final class ComplianceEvaluator {

    private static final Set<String> TRUE = Set.of("true", "yes", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "0");

    private final List<PolicyRow> policies;
    private final Instant now;
    private final Duration grace;
    /** Per policy (set id|name): its cron read and evaluated once per evaluation, not once per volume. */
    private final Map<String, Schedule> schedules = new HashMap<>();

    /** What a policy's cron says at {@code now}: the expected interval and the latest slot before now - grace. */
    private record Schedule(Duration interval, Optional<Instant> lastSlot) {
    }

    ComplianceEvaluator(List<PolicyRow> policies, Instant now, Duration grace) {
        this.policies = policies.stream().filter(p -> p.enabled() && p.setActive()).toList();
        this.now = now;
        this.grace = grace;
    }

    List<ComplianceEntry> evaluate(VolumeRow volume, List<StateRow> states) {
        Map<String, StateRow> byPolicy = states.stream()
                .collect(Collectors.toMap(s -> s.policySetId() + "|" + s.policyName(), s -> s, (a, b) -> a));
        List<PolicyRow> recorded = policies.stream()
                .filter(p -> byPolicy.containsKey(p.policySetId() + "|" + p.policyName())).toList();
        if (!recorded.isEmpty()) {
            return judgeAll(volume, recorded, byPolicy, "RECORDS");
        }
        String auto = lower(volume.metadata().get("auto_snapshot"));
        if (auto != null && FALSE.contains(auto)) {
            return List.of(entry(volume, null, ComplianceStatus.EXCLUDED, "METADATA", null, null));
        }
        if (auto != null && TRUE.contains(auto)) {
            List<PolicyRow> named = byMetadata(volume);
            if (!named.isEmpty()) {
                return judgeAll(volume, named, byPolicy, "METADATA");
            }
        }
        List<PolicyRow> autoApplied = autoApplySet(volume.projectId());
        if (!autoApplied.isEmpty()) {
            return judgeAll(volume, autoApplied, byPolicy, "AUTO_APPLY");
        }
        return List.of(entry(volume, null, ComplianceStatus.UNCOVERED, "NONE", null, null));
    }

    private List<ComplianceEntry> judgeAll(VolumeRow volume, List<PolicyRow> expected, Map<String, StateRow> states,
            String source) {
        List<ComplianceEntry> entries = new ArrayList<>();
        for (PolicyRow policy : expected) {
            StateRow state = states.get(policy.policySetId() + "|" + policy.policyName());
            entries.add(judge(volume, policy, state, source));
        }
        return entries;
    }

    ComplianceEntry judge(VolumeRow volume, PolicyRow policy, StateRow state, String source) {
        Schedule schedule = schedules.computeIfAbsent(policy.policySetId() + "|" + policy.policyName(), k -> {
            Optional<PolicyCadence> cadence = PolicyCadence.of(policy.cron(), policy.timeZone());
            return new Schedule(cadence.flatMap(c -> c.intervalAt(now)).orElse(null),
                    cadence.flatMap(c -> c.lastFireAtOrBefore(now.minus(grace))));
        });
        Duration interval = schedule.interval();
        Instant lastCreated = state == null ? null : state.lastCreatedAt();
        ComplianceStatus status;
        if (lastCreated != null && interval != null && !lastCreated.isBefore(now.minus(interval).minus(grace))) {
            status = ComplianceStatus.COMPLIANT;
        } else if (state != null && "QUOTA_BLOCKED".equals(state.lastAttemptAction())) {
            status = ComplianceStatus.QUOTA_BLOCKED;
        } else {
            Instant got = latest(policy.since(), volume.firstSeenAt());
            boolean slotPassed = lastCreated != null || schedule.lastSlot().map(slot -> slot.isAfter(got)).orElse(false);
            status = slotPassed ? ComplianceStatus.MISSING : ComplianceStatus.PENDING;
        }
        return entry(volume, policy, status, source, interval, state);
    }

    private List<PolicyRow> byMetadata(VolumeRow volume) {
        String names = volume.metadata().getOrDefault("snapshot_policies", volume.metadata().get("snapshot_policy"));
        if (names == null) {
            return List.of();
        }
        List<PolicyRow> chosen = new ArrayList<>();
        for (String name : Arrays.stream(names.split("[,;]")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            policies.stream().filter(p -> p.policyName().equals(name)).filter(visibleTo(volume.projectId()))
                    .max(Comparator.comparingInt(PolicyRow::priority)).ifPresent(chosen::add);
        }
        return chosen;
    }

    private List<PolicyRow> autoApplySet(String projectId) {
        for (Predicate<PolicyRow> scope : List.<Predicate<PolicyRow>>of(
                p -> "TENANT".equals(p.scope()) && projectId.equals(p.tenantId()), p -> "GLOBAL".equals(p.scope()))) {
            Optional<PolicyRow> best = policies.stream().filter(PolicyRow::autoApply).filter(scope)
                    .max(Comparator.comparingInt(PolicyRow::priority).thenComparing(p -> p.policySetId().toString()));
            if (best.isPresent()) {
                return policies.stream().filter(p -> p.policySetId().equals(best.get().policySetId())).toList();
            }
        }
        return List.of();
    }

    private static Predicate<PolicyRow> visibleTo(String projectId) {
        return p -> "GLOBAL".equals(p.scope()) || projectId.equals(p.tenantId());
    }

    private static ComplianceEntry entry(VolumeRow v, PolicyRow p, ComplianceStatus status, String source,
            Duration interval, StateRow state) {
        return new ComplianceEntry(v.volumeId(), v.name(), v.projectId(), v.projectName(), v.domainName(),
                v.serverName(), p == null ? null : p.policySetId(), p == null ? null : p.policySetName(),
                p == null ? null : p.policyName(), status, source, interval == null ? null : interval.toSeconds(),
                state == null ? null : state.lastCreatedAt(), state == null ? null : state.lastAttemptAt(),
                state == null ? null : state.lastAttemptAction());
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
