package dev.snapshotmanager.worker.support;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.TaskVolume;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeRef;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fixture builder of volume tasks, and the results of a run as published on the real broker. */
public final class Tasks {

    public static final PolicyRef DAILY = new PolicyRef(UUID.fromString("00000000-0000-4000-8000-0000000000d1"),
            "gold", "daily");

    private UUID runId = UUID.randomUUID();
    private Instant slot = Instant.parse("2026-11-29T02:00:00Z");
    private boolean dryRun;
    private PolicyRef policy = DAILY;
    private final List<TaskVolume> volumes = new ArrayList<>();

    public static Tasks task() {
        return new Tasks();
    }

    public Tasks run(UUID id) {
        this.runId = id;
        return this;
    }

    public Tasks slot(Instant value) {
        this.slot = value;
        return this;
    }

    public Tasks dryRun() {
        this.dryRun = true;
        return this;
    }

    public Tasks volume(String id, String name, int size, String status, String projectId, String projectName,
                        ServerRef server, Retention retention) {
        volumes.add(new TaskVolume(new VolumeRef(id, name, size, status, null, false),
                new TenantRef("default", "Default", projectId, projectName), server, retention, null));
        return this;
    }

    public VolumeTaskV1 build() {
        return new VolumeTaskV1(UUID.randomUUID(), runId, policy, slot, dryRun, volumes.get(0).tenant().projectId(),
                0, 1, volumes, Instant.now());
    }

    /** Publishes run-service's CANCELLED lifecycle event of the run to the real broker. */
    public static void publishCancelled(UUID runId, String reason) {
        publishFinished(runId, LifecycleEvent.CANCELLED, RunStatus.CANCELLED, reason);
    }

    /** Publishes run-service's lifecycle event finishing the run with {@code status} to the real broker. */
    public static void publishFinished(UUID runId, LifecycleEvent event, RunStatus status, String reason) {
        Instant now = Instant.now();
        Topic.publish(Topics.RUN_LIFECYCLE, runId.toString(), new RunLifecycleV1(runId, event, status, DAILY,
                RunTrigger.MANUAL, false, now, null, 0, null, now, now, now, 0L, reason, now),
                CloudEventAttributes.of(EventType.RUN_LIFECYCLE, UUID.randomUUID().toString(), "/test",
                        runId.toString(), now));
    }

    /** The results of a run on the results topic, once there are at least {@code expected}. */
    public static List<VolumeResultV1> results(UUID runId, int expected) {
        return results(runId, expected, Duration.ofSeconds(30));
    }

    /** Like {@link #results(UUID, int)} with another timeout. */
    public static List<VolumeResultV1> results(UUID runId, int expected, Duration timeout) {
        return Topic.read(Topics.VOLUME_RESULTS, VolumeResultV1.class,
                        r -> r.payload() != null && r.payload().runId().equals(runId),
                        found -> found.size() >= expected, timeout)
                .stream().map(Topic.Read::payload).toList();
    }
}
