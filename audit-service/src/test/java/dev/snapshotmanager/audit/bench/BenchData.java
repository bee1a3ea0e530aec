package dev.snapshotmanager.audit.bench;

import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.SnapshotRef;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeRef;
import dev.snapshotmanager.events.VolumeResultV1;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.LongStream;

/** Deterministic benchmark results: the i-th result is always the same, so the broker run and the COPY match. */
final class BenchData {

    static final UUID POLICY_SET = UUID.fromString("00000000-0000-0000-0000-0000000be7c4");
    private static final int VOLUMES = 50_000;
    private static final VolumeAction[] ACTIONS = {VolumeAction.CREATED, VolumeAction.CREATED, VolumeAction.CREATED,
        VolumeAction.DELETED, VolumeAction.DELETED, VolumeAction.SKIPPED, VolumeAction.FAILED, VolumeAction.QUOTA_BLOCKED};

    private BenchData() {
    }

    /**
     * How many volumes the first {@code events} results give a compliance state: those with an attempt (CREATED,
     * FAILED, QUOTA_BLOCKED); volume i % 50,000 always has the action i % 8, as 50,000 is a multiple of 8.
     */
    static long volumesWithAttempts(long events) {
        return LongStream.range(0, Math.min(events, VOLUMES)).filter(i -> switch (ACTIONS[(int) (i % ACTIONS.length)]) {
            case CREATED, FAILED, QUOTA_BLOCKED -> true;
            default -> false;
        }).count();
    }

    static VolumeResultV1 result(long i, Instant start) {
        UUID run = new UUID(0xbe7c4L, i / 500);
        String volume = "vol-" + (i % VOLUMES);
        String project = "tenant-" + (i % 200);
        VolumeAction action = ACTIONS[(int) (i % ACTIONS.length)];
        String snapshotId = "snap-" + i;
        Instant at = start.plusMillis(i * 7);
        return new VolumeResultV1(VolumeResultV1.deterministicEventId(run, volume, action, snapshotId), run, at, action,
                action == VolumeAction.QUOTA_BLOCKED ? "QUOTA_GIGABYTES" : null,
                action == VolumeAction.FAILED ? "snapshot ended in error" : null,
                new SnapshotRef(snapshotId, "auto-" + project + "-daily_5-web-" + volume, "available"),
                new VolumeRef(volume, "data-" + volume, 10 + (int) (i % 90), "in-use", "ssd", i % 5 == 0),
                new TenantRef("default", "Default", project, "Project " + project),
                new ServerRef("srv-" + (i % 20_000), "web-" + (i % 20_000)),
                new PolicyRef(POLICY_SET, "gold", "daily_5"), at.minusSeconds(30), new Retention(5, null),
                1500 + i % 1000, false);
    }
}
