package dev.snapshotmanager.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.worker.client.CloudSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final SnapshotTags TAGS = new SnapshotTags("snapshot-manager", "p9_auto_snapshots");

    private final List<CloudSnapshot> snapshots = new ArrayList<>();

    private RetentionRulesTest snap(String id, int daysAgo, String status, String createdBy, String policy) {
        Map<String, String> metadata = createdBy == null ? Map.of()
                : policy == null ? Map.of("created_by", createdBy) : Map.of("created_by", createdBy, "policy", policy);
        snapshots.add(new CloudSnapshot(id, id, "vol", status, 1, NOW.minus(Duration.ofDays(daysAgo)), metadata));
        return this;
    }

    private RetentionRulesTest ours(String id, int daysAgo, String status) {
        return snap(id, daysAgo, status, "snapshot-manager", "daily");
    }

    private List<String> deleted(Retention retention) {
        return RetentionRules.select(snapshots, "daily", retention, NOW, TAGS).stream()
                .map(d -> d.snapshot().id() + ":" + d.reason()).toList();
    }

    @Test
    void keepsTheLastNAvailableAndDeletesOlderOnes() {
        ours("s1", 1, "available").ours("s2", 2, "available").ours("s3", 3, "available").ours("s4", 4, "available");

        assertThat(deleted(new Retention(2, null)))
                .containsExactly("s3:" + ReasonCodes.RETENTION_KEEP_LAST, "s4:" + ReasonCodes.RETENTION_KEEP_LAST);
    }

    @Test
    void aMaximumAgeReachingBeforeAnyRepresentableTimeDeletesNothingByAgeAndStillAppliesKeepLast() {
        ours("s1", 1, "available").ours("s2", 2, "available").ours("s3", 4000, "available");

        assertThat(deleted(new Retention(null, "P2000000000Y"))).isEmpty();
        assertThat(deleted(new Retention(null, "PT9223372036854775807S"))).isEmpty();
        assertThat(deleted(new Retention(2, "P2000000000Y"))).containsExactly("s3:" + ReasonCodes.RETENTION_KEEP_LAST);
    }

    @Test
    void countsOnlyAvailableSnapshotsTowardKeepLast() {
        ours("e", 1, "error").ours("s2", 2, "available").ours("c", 3, "creating").ours("s4", 4, "available");

        assertThat(deleted(new Retention(2, null))).isEmpty();
    }

    @Test
    void deletesAvailableSnapshotsOlderThanTheMaximumAge() {
        ours("s1", 1, "available").ours("s2", 5, "available").ours("s3", 40, "available");

        assertThat(deleted(new Retention(null, "P30D"))).containsExactly("s3:" + ReasonCodes.RETENTION_MAX_AGE);
        assertThat(deleted(new Retention(null, "PT100H"))).containsExactly(
                "s2:" + ReasonCodes.RETENTION_MAX_AGE, "s3:" + ReasonCodes.RETENTION_MAX_AGE);
        assertThat(deleted(new Retention(null, "P1M"))).containsExactly("s3:" + ReasonCodes.RETENTION_MAX_AGE);
    }

    @Test
    void neverDeletesTheNewestAvailableSnapshotEvenWhenTooOld() {
        ours("s1", 90, "available").ours("s2", 100, "available");

        assertThat(deleted(new Retention(null, "P30D"))).containsExactly("s2:" + ReasonCodes.RETENTION_MAX_AGE);
    }

    @Test
    void removesOurErrorSnapshotsOnceANewerOneIsAvailable() {
        ours("e-new", 0, "error").ours("s1", 1, "available").ours("e-old", 2, "error");

        assertThat(deleted(new Retention(5, null))).containsExactly("e-old:" + ReasonCodes.RETENTION_ERROR_CLEANUP);
    }

    @Test
    void keepsErrorSnapshotsWhileNothingIsAvailable() {
        ours("e1", 1, "error").ours("e2", 2, "error");

        assertThat(deleted(new Retention(1, null))).isEmpty();
    }

    @Test
    void leavesManualAndForeignSnapshotsAlone() {
        ours("s1", 1, "available").ours("s2", 2, "available")
                .snap("manual", 3, "available", null, null)
                .snap("foreign", 4, "available", "someone-else", "daily")
                .snap("other-policy", 5, "available", "snapshot-manager", "weekly");

        assertThat(deleted(new Retention(1, null))).containsExactly("s2:" + ReasonCodes.RETENTION_KEEP_LAST);
    }

    @Test
    void managesTheReferenceSystemsSnapshotsOfThePolicy() {
        ours("s1", 1, "available").snap("legacy", 2, "available", "p9_auto_snapshots", "daily");

        assertThat(deleted(new Retention(1, null))).containsExactly("legacy:" + ReasonCodes.RETENTION_KEEP_LAST);
    }

    @Test
    void withoutRetentionOnlyCleansErrors() {
        ours("s1", 1, "available").ours("s2", 2, "available").ours("e", 3, "error");

        assertThat(deleted(null)).containsExactly("e:" + ReasonCodes.RETENTION_ERROR_CLEANUP);
    }
}
