package dev.snapshotmanager.run;

import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.events.PolicySetState;
import dev.snapshotmanager.events.PolicyState;
import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.SnapshotRef;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeRef;
import dev.snapshotmanager.events.VolumeResultV1;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of test events and request bodies; every call makes a fresh policy set unless told otherwise. */
final class Fixtures {

    private Fixtures() {
    }

    /** A policy set builder: one policy, GLOBAL, active, enabled, hourly in UTC, SKIP. */
    static final class PolicySet {
        UUID id = UUID.randomUUID();
        String name = "set-" + id.toString().substring(0, 8);
        PolicyScope scope = PolicyScope.GLOBAL;
        String tenantId;
        boolean active = true;
        String policyName = "hourly";
        String cron = "0 * * * *";
        String zone = "UTC";
        MissedRunMode missed = MissedRunMode.SKIP;
        boolean enabled = true;
        long version = 1;
        Instant changedAt = Instant.now();

        PolicySet tenant(String tenant) {
            scope = PolicyScope.TENANT;
            tenantId = tenant;
            return this;
        }

        PolicySet cron(String cron, String zone) {
            this.cron = cron;
            this.zone = zone;
            return this;
        }

        PolicySet missed(MissedRunMode mode) {
            this.missed = mode;
            return this;
        }

        PolicySet enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        PolicySet changedAt(Instant at) {
            this.changedAt = at;
            return this;
        }

        /** The next version of this set (for a change). */
        PolicySet next() {
            version++;
            return this;
        }

        PolicyChangedV1 event() {
            PolicyState policy = new PolicyState(policyName, cron, zone, 5, null, missed, enabled);
            return new PolicyChangedV1(id, false, version, changedAt, "test",
                    new PolicySetState(id, name, scope, tenantId, 100, active, false, List.of(policy)));
        }
    }

    static PolicySet policySet() {
        return new PolicySet();
    }

    static Map<String, Object> runRequest(PolicySet set, boolean dryRun) {
        return Map.of("policy", Map.of("policySetId", set.id.toString(), "policyName", set.policyName),
                "dryRun", dryRun, "reason", "test");
    }

    /** A run request limited to some projects. */
    static Map<String, Object> runRequest(PolicySet set, boolean dryRun, List<String> projectIds) {
        return Map.of("policy", Map.of("policySetId", set.id.toString(), "policyName", set.policyName),
                "dryRun", dryRun, "reason", "test", "scope", Map.of("projectIds", projectIds));
    }

    static RunPlannedV1 planned(UUID runId, int total, int toCreate, int batches) {
        return new RunPlannedV1(runId, null, Instant.now(), false, total, toCreate, total - toCreate, 0, batches, 1,
                Instant.now());
    }

    /**
     * An outcome of snapshot {@code snap-<volumeId>} at {@code occurredAt}: CREATED, or FAILED as STUCK_CREATING (as
     * the worker reports a snapshot that stayed {@code creating} before a crash and redelivery completed it).
     */
    static VolumeResultV1 snapshotResult(UUID runId, String volumeId, VolumeAction action, Instant occurredAt) {
        String snapshotId = "snap-" + volumeId;
        boolean failed = action == VolumeAction.FAILED;
        return new VolumeResultV1(VolumeResultV1.deterministicEventId(runId, volumeId, action, snapshotId), runId,
                occurredAt, action, failed ? ReasonCodes.STUCK_CREATING : null, failed ? "stuck in creating" : null,
                new SnapshotRef(snapshotId, "auto-" + volumeId, failed ? "creating" : "available"),
                new VolumeRef(volumeId, "vol-" + volumeId, 10, "available", null, false), null, null, null,
                occurredAt, null, 12, false);
    }

    static VolumeResultV1 result(UUID runId, String volumeId, VolumeAction action) {
        String snapshotId = action == VolumeAction.CREATED ? "snap-" + volumeId : null;
        return new VolumeResultV1(VolumeResultV1.deterministicEventId(runId, volumeId, action, snapshotId), runId,
                Instant.now(), action, null, action == VolumeAction.FAILED ? "cinder said no" : null, null,
                new VolumeRef(volumeId, "vol-" + volumeId, 10, "available", null, false), null, null, null,
                Instant.now(), null, 12, false);
    }
}
