package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.domain.ComplianceEntry;
import dev.snapshotmanager.audit.domain.ComplianceStatus;
import dev.snapshotmanager.audit.domain.PolicyCadence;
import dev.snapshotmanager.audit.repository.ComplianceReader.PolicyRow;
import dev.snapshotmanager.audit.repository.ComplianceReader.Resolution;
import dev.snapshotmanager.audit.repository.ComplianceReader.StateRow;
import dev.snapshotmanager.audit.repository.ComplianceReader.VolumeRow;
import dev.snapshotmanager.events.ExpectedPolicy;
import dev.snapshotmanager.events.ResolutionStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Judges one volume against the policies expected of it (DOMAIN.md "Compliance").
 *
 * <p>Which policies are expected: when policy-service has resolved the volume ({@link VolumeRow#resolution()}),
 * exactly the resolution's policies (none: EXCLUDED, or UNCOVERED when the resolution says so); policies the volume
 * only has records of are then not judged. A policy's cadence is the one of the policy projection when it knows the
 * policy, else the cron the resolution carries (README "Compliance"); PENDING is measured from the later of the
 * resolution's {@code since} and the volume's creation. Without a resolution, expected policies are inferred, in
 * this order: the policies the volume has records of; else an explicit opt-out in its Cinder metadata (EXCLUDED);
 * else the policies its metadata names; else the highest-priority active auto-apply set of its tenant, then of
 * GLOBAL scope; else none (UNCOVERED).
 */
final class ComplianceEvaluator {

    private static final Set<String> TRUE = Set.of("true", "yes", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "0");

    /** The policies inference may pick: enabled, in an active set. */
    private final List<PolicyRow> policies;
    /** Every policy of a live set by set id|name, for the cadence of resolved policies. */
    private final Map<String, PolicyRow> known;
    private final Instant now;
    private final Duration grace;
    /** Per cron|zone: the cron read and evaluated once per evaluation, not once per volume. */
    private final Map<String, Schedule> schedules = new HashMap<>();

    /** What a policy's cron says at {@code now}: the expected interval and the latest slot before now - grace. */
    private record Schedule(Duration interval, Optional<Instant> lastSlot) {
    }

    /** A policy expected of a volume, however it was found, with since when the volume has it. */
    private record Expected(UUID policySetId, String policySetName, String policyName, String cron, String timeZone,
            Instant since) {

        static Expected of(PolicyRow p) {
            return new Expected(p.policySetId(), p.policySetName(), p.policyName(), p.cron(), p.timeZone(), p.since());
        }
    }

    ComplianceEvaluator(List<PolicyRow> policies, Instant now, Duration grace) {
        this.policies = policies.stream().filter(p -> p.enabled() && p.setActive()).toList();
        this.known = policies.stream().collect(Collectors.toMap(p -> key(p.policySetId(), p.policyName()), p -> p,
                (a, b) -> a));
        this.now = now;
        this.grace = grace;
    }

    List<ComplianceEntry> evaluate(VolumeRow volume, List<StateRow> states) {
        Map<String, StateRow> byPolicy = states.stream()
                .collect(Collectors.toMap(s -> key(s.policySetId(), s.policyName()), s -> s, (a, b) -> a));
        List<ComplianceEntry> entries = new ArrayList<>(volume.resolution() != null
                ? resolved(volume, volume.resolution(), byPolicy) : inferred(volume, byPolicy));
        entries.sort(Comparator.comparing(ComplianceEntry::key));
        return entries;
    }

    private List<ComplianceEntry> resolved(VolumeRow volume, Resolution resolution, Map<String, StateRow> states) {
        if (resolution.policies().isEmpty()) {
            ComplianceStatus status = ResolutionStep.UNCOVERED.name().equals(resolution.decidedBy())
                    ? ComplianceStatus.UNCOVERED : ComplianceStatus.EXCLUDED;
            return List.of(entry(volume, null, status, resolution.decidedBy(), null, null, resolution));
        }
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (ExpectedPolicy p : resolution.policies()) {
            // the policy projection's definition when it knows the policy, the resolution's copy otherwise
            PolicyRow current = known.get(key(p.policySetId(), p.policyName()));
            expected.putIfAbsent(key(p.policySetId(), p.policyName()), new Expected(p.policySetId(),
                    current == null ? p.policySetName() : current.policySetName(), p.policyName(),
                    current == null ? p.cron() : current.cron(), current == null ? p.timeZone() : current.timeZone(),
                    p.since()));
        }
        return judgeAll(volume, expected.values(), states, resolution.decidedBy(), resolution);
    }

    private List<ComplianceEntry> inferred(VolumeRow volume, Map<String, StateRow> byPolicy) {
        List<Expected> recorded = policies.stream().filter(p -> byPolicy.containsKey(key(p.policySetId(), p.policyName())))
                .map(Expected::of).toList();
        if (!recorded.isEmpty()) {
            return judgeAll(volume, recorded, byPolicy, "RECORDS", null);
        }
        String auto = lower(volume.metadata().get("auto_snapshot"));
        if (auto != null && FALSE.contains(auto)) {
            return List.of(entry(volume, null, ComplianceStatus.EXCLUDED, "METADATA", null, null, null));
        }
        if (auto != null && TRUE.contains(auto)) {
            List<Expected> named = byMetadata(volume).stream().map(Expected::of).toList();
            if (!named.isEmpty()) {
                return judgeAll(volume, named, byPolicy, "METADATA", null);
            }
        }
        List<Expected> autoApplied = autoApplySet(volume.projectId()).stream().map(Expected::of).toList();
        if (!autoApplied.isEmpty()) {
            return judgeAll(volume, autoApplied, byPolicy, "AUTO_APPLY", null);
        }
        return List.of(entry(volume, null, ComplianceStatus.UNCOVERED, "NONE", null, null, null));
    }

    private List<ComplianceEntry> judgeAll(VolumeRow volume, Collection<Expected> expected,
            Map<String, StateRow> states, String source, Resolution resolution) {
        List<ComplianceEntry> entries = new ArrayList<>();
        for (Expected policy : expected) {
            StateRow state = states.get(key(policy.policySetId(), policy.policyName()));
            entries.add(judge(volume, policy, state, source, resolution));
        }
        return entries;
    }

    private ComplianceEntry judge(VolumeRow volume, Expected policy, StateRow state, String source,
            Resolution resolution) {
        Schedule schedule = schedules.computeIfAbsent(policy.cron() + "|" + policy.timeZone(), k -> {
            Optional<PolicyCadence> cadence = PolicyCadence.of(policy.cron(), policy.timeZone());
            return new Schedule(cadence.flatMap(c -> c.intervalAt(now)).orElse(null),
                    cadence.flatMap(c -> c.lastFireAtOrBefore(now.minus(grace))));
        });
        Duration interval = schedule.interval();
        Instant lastCreated = state == null ? null : state.lastCreatedAt();
        ComplianceStatus status;
        // Compliant when the slot that is due (the latest fire time at or before now - grace) has its snapshot: the
        // newest snapshot is then younger than the current interval plus the grace, for every interval length (a
        // 31-day month after a 30-day one, a weekend in a weekday schedule).
        if (lastCreated != null && interval != null
                && schedule.lastSlot().map(slot -> !lastCreated.isBefore(slot)).orElse(true)) {
            status = ComplianceStatus.COMPLIANT;
        } else if (state != null && "QUOTA_BLOCKED".equals(state.lastAttemptAction())) {
            status = ComplianceStatus.QUOTA_BLOCKED;
        } else {
            // PENDING until a slot passes after the volume got the policy, also when it had snapshots before (an
            // exclusion ended, an assignment came back).
            Instant got = latest(policy.since(), volume.firstSeenAt());
            boolean slotPassed = schedule.lastSlot().map(slot -> slot.isAfter(got)).orElse(false);
            status = slotPassed ? ComplianceStatus.MISSING : ComplianceStatus.PENDING;
        }
        return entry(volume, policy, status, source, interval, state, resolution);
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

    private static ComplianceEntry entry(VolumeRow v, Expected p, ComplianceStatus status, String source,
            Duration interval, StateRow state, Resolution r) {
        return new ComplianceEntry(v.volumeId(), v.name(), v.projectId(), v.projectName(), v.domainName(),
                v.serverName(), p == null ? null : p.policySetId(), p == null ? null : p.policySetName(),
                p == null ? null : p.policyName(), status, source, interval == null ? null : interval.toSeconds(),
                state == null ? null : state.lastCreatedAt(), state == null ? null : state.lastAttemptAt(),
                state == null ? null : state.lastAttemptAction(), r == null ? null : r.reason(),
                r == null ? null : r.excludedUntil(), r == null ? null : r.resolvedAt());
    }

    private static String key(UUID policySetId, String policyName) {
        return policySetId + "|" + policyName;
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
