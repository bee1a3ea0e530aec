package dev.snapshotmanager.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fully populated instances of every record of the contract: every component set, none {@code null}. */
public final class EventFixtures {

    public static final UUID RUN_ID = UUID.fromString("0b9f3a52-5c1e-4d7a-9a61-2f4e8c3d7b10");
    public static final UUID POLICY_SET_ID = UUID.fromString("6f1d2c3b-4a5e-4f60-8b71-9c0d1e2f3a4b");
    public static final Instant SLOT = Instant.parse("2025-03-01T02:00:00Z");

    private EventFixtures() {
    }

    public static PolicyRef policyRef() {
        return new PolicyRef(POLICY_SET_ID, "production-defaults", "daily_5");
    }

    public static TenantRef tenantRef() {
        return new TenantRef("default", "Default", "8e2b6c1f0d9a4b7c8e5f3a2d1c0b9a8e", "payments");
    }

    public static ServerRef serverRef() {
        return new ServerRef("c4e6a8b0-1f3d-4c5e-9a7b-2d4f6a8c0e1f", "pg-primary");
    }

    public static VolumeRef volumeRef() {
        return new VolumeRef("5a7c9e1b-2d4f-4a6c-8e0b-1d3f5a7c9e2b", "pg-data-01", 200, "in-use", "ssd", true);
    }

    public static SnapshotRef snapshotRef() {
        return new SnapshotRef("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
                "auto-payments-daily_5-pg-primary-pg-data-01-20250301-020000", "available");
    }

    public static Retention retention() {
        return new Retention(5, "P30D");
    }

    public static RunScope runScope() {
        return new RunScope(List.of("default"), List.of(tenantRef().projectId()), List.of(volumeRef().id()));
    }

    public static RunCounters runCounters() {
        return new RunCounters(1284, 640, 598, 3, 17, 6, 58, 29);
    }

    public static Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("auto_snapshot", "true");
        metadata.put("snapshot_policies", "daily_5;monthly_1st");
        return metadata;
    }

    public static TaskVolume taskVolume() {
        return new TaskVolume(volumeRef(), tenantRef(), serverRef(), retention(), metadata());
    }

    public static PolicyState policyState() {
        return new PolicyState("daily_5", "0 2 * * *", "Europe/Paris", 5, "P30D", MissedRunMode.RUN_ONCE, true);
    }

    public static PolicySetState policySetState() {
        return new PolicySetState(POLICY_SET_ID, "payments-gold", PolicyScope.TENANT, tenantRef().projectId(), 700,
                true, true, List.of(policyState()));
    }

    public static RunRequestedV1 runRequested() {
        return new RunRequestedV1(RUN_ID, policyRef(), SLOT, true, RunTrigger.MANUAL, runScope(), "alice",
                "before the maintenance window", Instant.parse("2025-03-01T02:00:00.412Z"));
    }

    public static RunPlannedV1 runPlanned() {
        return new RunPlannedV1(RUN_ID, policyRef(), SLOT, false, 1284, 1261, 17, 6, 58, 41,
                Instant.parse("2025-03-01T02:00:19.877Z"));
    }

    public static VolumeTaskV1 volumeTask() {
        return new VolumeTaskV1(UUID.fromString("d2c0a7e1-3b4f-4a8e-9c6d-5e7f8a9b0c1d"), RUN_ID, policyRef(), SLOT,
                false, tenantRef().projectId(), 3, 58, List.of(taskVolume()),
                Instant.parse("2025-03-01T02:00:18.204Z"));
    }

    public static VolumeResultV1 volumeResult() {
        SnapshotRef stuck = new SnapshotRef(snapshotRef().id(), snapshotRef().name(), "creating");
        return new VolumeResultV1(
                VolumeResultV1.deterministicEventId(RUN_ID, volumeRef().id(), VolumeAction.FAILED, stuck.id()),
                RUN_ID, Instant.parse("2025-03-01T02:13:41.118Z"), VolumeAction.FAILED, ReasonCodes.STUCK_CREATING,
                "snapshot still creating after 600 s", stuck, volumeRef(), tenantRef(), serverRef(), policyRef(), SLOT,
                retention(), 600_012L, false);
    }

    public static RunLifecycleV1 runLifecycle() {
        return new RunLifecycleV1(RUN_ID, LifecycleEvent.PARTIAL, RunStatus.PARTIAL, policyRef(), RunTrigger.SCHEDULED,
                false, SLOT, runCounters(), 100, Instant.parse("2025-03-01T02:21:30Z"),
                Instant.parse("2025-03-01T02:00:00.412Z"), Instant.parse("2025-03-01T02:00:19.877Z"),
                Instant.parse("2025-03-01T02:21:44.120Z"), 1_284_243L, "3 volumes failed",
                Instant.parse("2025-03-01T02:21:44.321Z"));
    }

    public static PolicyChangedV1 policyChanged() {
        return new PolicyChangedV1(POLICY_SET_ID, false, 7L, Instant.parse("2025-02-27T14:12:09.553123Z"),
                "alice@example.org", policySetState());
    }

    public static VolumeInventoryV1 volumeInventory() {
        return new VolumeInventoryV1(volumeRef().id(), "pg-data-01", "in-use", 200, "ssd", true, metadata(),
                tenantRef(), serverRef(), List.of(serverRef().id(), "0f1e2d3c-4b5a-4968-8776-655443322110"),
                Instant.parse("2024-11-02T09:41:27Z"), Instant.parse("2025-03-01T01:55:03.640Z"));
    }

    public static RunHeartbeatV1 runHeartbeat() {
        return new RunHeartbeatV1(RUN_ID, "snapshot-worker-7d9f-2", WorkerPhase.PLANNING_FAILED, 0,
                "policy-service unreachable after 5 attempts", Instant.parse("2025-03-01T02:00:04.100Z"));
    }

    public static ExpectedPolicy expectedPolicy() {
        return new ExpectedPolicy(POLICY_SET_ID, "payments-gold", "daily_5", "0 2 * * *", "Europe/Berlin",
                Instant.parse("2025-02-20T10:15:00Z"));
    }

    public static VolumePoliciesV1 volumePolicies() {
        return new VolumePoliciesV1(volumeRef().id(), false, tenantRef().projectId(), ResolutionStep.EXCLUSION,
                "excluded until the migration ends", Instant.parse("2025-04-01T00:00:00Z"), List.of(expectedPolicy()),
                Instant.parse("2025-03-01T02:00:00.120Z"));
    }

    /** The fully populated payload of an event type. */
    public static Object payload(EventType type) {
        return switch (type) {
            case RUN_REQUESTED -> runRequested();
            case RUN_PLANNED -> runPlanned();
            case RUN_HEARTBEAT -> runHeartbeat();
            case VOLUME_TASK -> volumeTask();
            case VOLUME_RESULT -> volumeResult();
            case RUN_LIFECYCLE -> runLifecycle();
            case POLICY_CHANGED -> policyChanged();
            case VOLUME_INVENTORY -> volumeInventory();
            case VOLUME_POLICIES -> volumePolicies();
        };
    }

    /** Every record of the contract, payloads and value types, fully populated. */
    public static List<Record> allRecords() {
        return List.of(policyRef(), tenantRef(), serverRef(), volumeRef(), snapshotRef(), retention(), runScope(),
                runCounters(), taskVolume(), policyState(), policySetState(), runRequested(), runPlanned(),
                runHeartbeat(),
                volumeTask(), volumeResult(), runLifecycle(), policyChanged(), volumeInventory(),
                expectedPolicy(), volumePolicies());
    }
}
