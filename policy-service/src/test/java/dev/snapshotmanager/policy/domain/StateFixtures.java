package dev.snapshotmanager.policy.domain;

import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.AssignmentView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.ExclusionView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.PolicyView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.RuleView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.SetView;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders for in-memory resolution states and volume descriptions. */
public final class StateFixtures {

    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final List<SetView> sets = new ArrayList<>();
    private final List<RuleView> rules = new ArrayList<>();
    private final List<AssignmentView> assignments = new ArrayList<>();
    private final List<ExclusionView> exclusions = new ArrayList<>();
    private int created;

    public static PolicyView policy(String name, int keepLast) {
        return new PolicyView(name, "0 2 * * *", "UTC", keepLast, null, MissedRunMode.SKIP, true);
    }

    public SetView globalSet(String name, int priority, boolean autoApply, PolicyView... policies) {
        return add(new SetView(UUID.randomUUID(), name, PolicyScope.GLOBAL, null, priority, true, autoApply,
                T0.plusSeconds(created++), List.of(policies)));
    }

    public SetView tenantSet(String tenant, String name, int priority, boolean autoApply, PolicyView... policies) {
        return add(new SetView(UUID.randomUUID(), name, PolicyScope.TENANT, tenant, priority, true, autoApply,
                T0.plusSeconds(created++), List.of(policies)));
    }

    public SetView add(SetView set) {
        sets.add(set);
        return set;
    }

    public RuleView rule(String name, String tenant, int priority, RuleMatch match, SetView set) {
        RuleView rule = new RuleView(UUID.randomUUID(), name, tenant, priority, T0.plusSeconds(created++), match,
                set == null ? null : set.id(), set != null);
        rules.add(rule);
        return rule;
    }

    /** An assignment made for the volume in project "p1" (the project of {@link #volume()}). */
    public AssignmentView assign(String volumeId, SetView set, Map<String, Retention> overrides) {
        return assign(volumeId, "p1", set, overrides);
    }

    public AssignmentView assign(String volumeId, String projectId, SetView set, Map<String, Retention> overrides) {
        AssignmentView a = new AssignmentView(UUID.randomUUID(), volumeId, projectId, set == null ? null : set.id(),
                List.of(), overrides, set != null);
        assignments.add(a);
        return a;
    }

    /** An exclusion made for the volume in project "p1" (the project of {@link #volume()}). */
    public ExclusionView exclude(String volumeId, Instant expiresAt) {
        return exclude(volumeId, "p1", expiresAt);
    }

    public ExclusionView exclude(String volumeId, String projectId, Instant expiresAt) {
        ExclusionView e = new ExclusionView(UUID.randomUUID(), volumeId, projectId, "maintenance", expiresAt);
        exclusions.add(e);
        return e;
    }

    public ResolutionState state() {
        return new ResolutionState(sets, rules, assignments, exclusions);
    }

    /** A volume "vol-1" named "db-prod-1" in project "p1" (name "acme") of domain "Default", 100 GB. */
    public static VolumeBuilder volume() {
        return new VolumeBuilder();
    }

    /** Volume builder. */
    public static final class VolumeBuilder {
        private String id = "vol-1";
        private String name = "db-prod-1";
        private String project = "p1";
        private String projectName = "acme";
        private int size = 100;
        private boolean bootable;
        private String type = "ssd";
        private final Map<String, String> metadata = new HashMap<>();

        public VolumeBuilder id(String value) {
            id = value;
            return this;
        }

        public VolumeBuilder name(String value) {
            name = value;
            return this;
        }

        public VolumeBuilder project(String id, String projectName) {
            project = id;
            this.projectName = projectName;
            return this;
        }

        public VolumeBuilder size(int gb) {
            size = gb;
            return this;
        }

        public VolumeBuilder bootable(boolean value) {
            bootable = value;
            return this;
        }

        public VolumeBuilder meta(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        public VolumeDescription build() {
            return new VolumeDescription(id, name, "d1", "Default", project, projectName, size, type, bootable,
                    "in-use", metadata, List.of(new VolumeDescription.Attachment("srv-1", "web-1")));
        }
    }
}
