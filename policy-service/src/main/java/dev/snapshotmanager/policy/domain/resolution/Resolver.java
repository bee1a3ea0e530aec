package dev.snapshotmanager.policy.domain.resolution;

import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.AssignmentView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.ExclusionView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.PolicyView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.RuleView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.SetView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Effective-policy resolution, exactly in DOMAIN.md's order; the first step that decides wins:
 * exclusion > explicit assignment > Cinder metadata > rules by priority > tenant autoApply set > GLOBAL autoApply
 * set > uncovered. Pure and in-memory: it reads a {@link ResolutionState} loaded once per request.
 */
public final class Resolver {

    private final ResolutionState state;
    private final Instant now;

    public Resolver(ResolutionState state, Instant now) {
        this.state = state;
        this.now = now;
    }

    public List<Resolution> resolveAll(List<VolumeDescription> volumes) {
        List<Resolution> out = new ArrayList<>(volumes.size());
        for (VolumeDescription volume : volumes) {
            out.add(resolve(volume));
        }
        return out;
    }

    public Resolution resolve(VolumeDescription volume) {
        List<String> warnings = new ArrayList<>();
        Optional<ExclusionView> exclusion = state.exclusion(volume.id())
                .filter(e -> madeInVolumesProject("exclusion", e.id(), e.projectId(), volume, warnings));
        if (exclusion.isPresent() && isActive(exclusion.get())) {
            ExclusionView e = exclusion.get();
            return new Resolution(volume.id(), ResolutionStep.EXCLUSION, e.reason(), e.id(), null, null, null, null, null,
                    List.of(), warnings);
        }
        Optional<AssignmentView> assignment = state.assignment(volume.id())
                .filter(a -> madeInVolumesProject("assignment", a.id(), a.projectId(), volume, warnings));
        if (assignment.isPresent() && decides(assignment.get())) {
            return byAssignment(volume, assignment.get(), warnings);
        }
        Optional<Resolution> metadata = byMetadata(volume, warnings);
        if (metadata.isPresent()) {
            return metadata.get();
        }
        for (RuleView rule : state.rules()) {
            if (appliesTo(rule, volume) && rule.match().matches(volume.domainName(), volume.projectName(),
                    volume.nameForMatching(), volume.isBootable(), volume.sizeGb(), volume.volumeType(),
                    volume.metadata())) {
                return byRule(volume, rule, warnings);
            }
        }
        List<SetView> tenantSets = state.activeTenantSets(volume.projectId());
        Optional<SetView> tenantDefault = tenantSets.stream().filter(SetView::autoApply).findFirst();
        if (tenantDefault.isPresent()) {
            return bySet(volume, ResolutionStep.TENANT_SET, tenantDefault.get(), warnings);
        }
        Optional<SetView> globalDefault = state.activeGlobalSets().stream().filter(SetView::autoApply).findFirst();
        if (globalDefault.isPresent()) {
            return bySet(volume, ResolutionStep.GLOBAL_SET, globalDefault.get(), warnings);
        }
        return new Resolution(volume.id(), ResolutionStep.UNCOVERED, "no exclusion, assignment, metadata, rule or "
                + "autoApply set applies", null, null, null, null, null, null, List.of(), warnings);
    }

    /**
     * An exclusion or an assignment decides only for the volume in the project it was made in. One made in another
     * project (a volume since transferred to another project, or named by a tenant that does not own it) neither
     * decides nor shows that tenant's data; the warning does not name the other project.
     */
    private static boolean madeInVolumesProject(String what, UUID id, String projectId, VolumeDescription volume,
            List<String> warnings) {
        if (Objects.equals(projectId, volume.projectId())) {
            return true;
        }
        warnings.add(what + " " + id + " was made in another project than the volume's; it does not apply");
        return false;
    }

    private boolean isActive(ExclusionView e) {
        return e.expiresAt() == null || e.expiresAt().isAfter(now);
    }

    /** An assignment decides unless it lost its set (detached by a forced delete) while still opting in. */
    private static boolean decides(AssignmentView a) {
        return !a.autoSnapshot() || a.policySetId() != null;
    }

    private Resolution byAssignment(VolumeDescription volume, AssignmentView a, List<String> warnings) {
        if (!a.autoSnapshot()) {
            return new Resolution(volume.id(), ResolutionStep.ASSIGNMENT, "assignment opts the volume out "
                    + "(autoSnapshot=false)", null, a.id(), null, null, null, null, List.of(), warnings);
        }
        Optional<SetView> set = state.set(a.policySetId());
        List<EffectivePolicy> policies = new ArrayList<>();
        if (set.isEmpty()) {
            warnings.add("assigned policy set " + a.policySetId() + " does not exist");
        } else if (!set.get().active()) {
            warnings.add("assigned policy set " + set.get().name() + " is not active");
        } else {
            for (PolicyView p : set.get().policies()) {
                if (p.enabled() && (a.policyNames().isEmpty() || a.policyNames().contains(p.name()))) {
                    Retention override = a.retentionOverrides().get(p.name());
                    policies.add(override != null
                            ? effective(set.get(), p, override, RetentionSource.ASSIGNMENT)
                            : withMetadataRetention(volume, set.get(), p, warnings));
                }
            }
            a.policyNames().stream().filter(n -> set.get().policies().stream().noneMatch(p -> p.name().equals(n)))
                    .forEach(n -> warnings.add("assigned policy " + n + " is not in set " + set.get().name()));
        }
        SetView s = set.orElse(null);
        return new Resolution(volume.id(), ResolutionStep.ASSIGNMENT, "explicit assignment", null, a.id(), null, null,
                a.policySetId(), s == null ? null : s.name(), List.copyOf(policies), warnings);
    }

    private Optional<Resolution> byMetadata(VolumeDescription volume, List<String> warnings) {
        Map<String, String> metadata = volume.metadata();
        Optional<Boolean> auto = CinderMetadata.autoSnapshot(metadata);
        if (auto.isEmpty()) {
            return Optional.empty();
        }
        if (!auto.get()) {
            return Optional.of(new Resolution(volume.id(), ResolutionStep.METADATA, "metadata auto_snapshot="
                    + metadata.get("auto_snapshot") + " opts the volume out", null, null, null, null, null, null,
                    List.of(), warnings));
        }
        List<EffectivePolicy> policies = new ArrayList<>();
        for (String name : CinderMetadata.policyNames(metadata)) {
            Optional<SetView> owner = visibleSets(volume)
                    .filter(s -> s.policies().stream().anyMatch(p -> p.enabled() && p.name().equals(name)))
                    .findFirst();
            if (owner.isEmpty()) {
                warnings.add("metadata names policy " + name + ", which no active set of the volume's scope has");
                continue;
            }
            PolicyView policy = owner.get().policies().stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow();
            policies.add(withMetadataRetention(volume, owner.get(), policy, warnings));
        }
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Resolution(volume.id(), ResolutionStep.METADATA, "Cinder metadata auto_snapshot with "
                + "snapshot_policies", null, null, null, null, null, null, List.copyOf(policies), warnings));
    }

    private Stream<SetView> visibleSets(VolumeDescription volume) {
        return Stream.concat(state.activeTenantSets(volume.projectId()).stream(), state.activeGlobalSets().stream());
    }

    private static boolean appliesTo(RuleView rule, VolumeDescription volume) {
        return rule.tenantId() == null || rule.tenantId().equals(volume.projectId());
    }

    private Resolution byRule(VolumeDescription volume, RuleView rule, List<String> warnings) {
        if (!rule.autoSnapshot() || rule.policySetId() == null) {
            return new Resolution(volume.id(), ResolutionStep.RULE, rule.autoSnapshot()
                    ? "rule " + rule.name() + " has no policy set" : "rule " + rule.name() + " opts the volume out",
                    null, null, rule.id(), rule.name(), null, null, List.of(), warnings);
        }
        Optional<SetView> set = state.set(rule.policySetId());
        List<EffectivePolicy> policies = set.filter(SetView::active)
                .map(s -> policiesOf(volume, s, warnings)).orElse(List.of());
        if (set.isPresent() && !set.get().active()) {
            warnings.add("policy set " + set.get().name() + " of rule " + rule.name() + " is not active");
        }
        return new Resolution(volume.id(), ResolutionStep.RULE, "rule " + rule.name() + " (priority " + rule.priority()
                + ") matched", null, null, rule.id(), rule.name(), rule.policySetId(),
                set.map(SetView::name).orElse(null), policies, warnings);
    }

    private Resolution bySet(VolumeDescription volume, ResolutionStep step, SetView set, List<String> warnings) {
        return new Resolution(volume.id(), step, "default (autoApply) set " + set.name() + " of "
                + (step == ResolutionStep.TENANT_SET ? "the volume's tenant" : "GLOBAL scope"), null, null, null, null,
                set.id(), set.name(), policiesOf(volume, set, warnings), warnings);
    }

    private List<EffectivePolicy> policiesOf(VolumeDescription volume, SetView set, List<String> warnings) {
        return set.policies().stream().filter(PolicyView::enabled)
                .map(p -> withMetadataRetention(volume, set, p, warnings)).toList();
    }

    private static EffectivePolicy withMetadataRetention(VolumeDescription volume, SetView set, PolicyView p,
            List<String> warnings) {
        return CinderMetadata.retention(volume.metadata(), p.name(), warnings)
                .map(r -> effective(set, p, r, RetentionSource.METADATA))
                .orElseGet(() -> effective(set, p, new Retention(p.keepLast(), p.maxAge()), RetentionSource.POLICY));
    }

    private static EffectivePolicy effective(SetView set, PolicyView p, Retention retention, RetentionSource source) {
        return new EffectivePolicy(set.id(), set.name(), p.name(), p.cron(), p.timeZone(), p.missedRunMode(),
                retention, source);
    }
}
