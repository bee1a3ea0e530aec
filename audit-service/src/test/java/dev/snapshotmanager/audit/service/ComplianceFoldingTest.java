package dev.snapshotmanager.audit.service;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.repository.ComplianceStateFold;
import dev.snapshotmanager.events.VolumeAction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When folds are merged, and that what waits for a merge runs only after the merge holding its results. */
class ComplianceFoldingTest {

    private static final UUID SET = UUID.fromString("00000000-0000-0000-0000-00000000f01d");
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final AtomicLong now = new AtomicLong();
    /** The size of every fold merged, in order. */
    private final List<Integer> merged = new CopyOnWriteArrayList<>();
    /** How many of the next merges PostgreSQL refuses. */
    private final AtomicInteger refusals = new AtomicInteger();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch mergeHeld = new CountDownLatch(0);
    private final CountDownLatch mergeEntered = new CountDownLatch(1);

    private final ComplianceFolding folding = new ComplianceFolding(fold -> {
        mergeEntered.countDown();
        try {
            mergeHeld.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (refusals.getAndDecrement() > 0) {
            throw new SQLException("the connection was closed", "08006");
        }
        merged.add(fold.size());
    }, INTERVAL, 3, now::get, new SimpleMeterRegistry());

    @Test
    void whatWaitsForAMergeRunsOnlyOnceTheFoldAddedBeforeItIsMerged() throws Exception {
        folding.add(fold("a", "b"));
        folding.whenMerged(() -> acknowledged.add("batch 1"));
        assertThat(acknowledged).isEmpty();

        folding.merge();

        assertThat(merged).containsExactly(2);
        assertThat(acknowledged).containsExactly("batch 1");
        assertThat(folding.pendingKeys()).isZero();
    }

    @Test
    void aMergeIsDueOnceSomethingHasWaitedAnIntervalOrTheFoldIsFull() {
        assertThat(folding.due()).as("nothing waits").isFalse();
        now.set(1_000_000_000L);
        folding.add(fold("a"));
        now.addAndGet(INTERVAL.toNanos() - 1);
        folding.add(fold("b"));
        assertThat(folding.due()).as("the interval counts from the first result waiting").isFalse();
        folding.mergeIfDue();
        assertThat(merged).isEmpty();
        now.incrementAndGet();
        assertThat(folding.due()).isTrue();
        folding.mergeIfDue();
        assertThat(merged).containsExactly(2);
        assertThat(folding.due()).isFalse();

        folding.add(fold("c", "d"));
        folding.add(fold("c", "e"));
        assertThat(folding.pendingKeys()).as("a key seen twice is merged once").isEqualTo(3);
        assertThat(folding.due()).as("full at 3 keys").isTrue();

        folding.mergeIfDue();
        folding.whenMerged(() -> acknowledged.add("a batch without attempts"));
        assertThat(folding.due()).isFalse();
        now.addAndGet(INTERVAL.toNanos());
        assertThat(folding.due()).as("an acknowledgement waits an interval at most").isTrue();
        folding.mergeIfDue();
        assertThat(acknowledged).containsExactly("a batch without attempts");
    }

    @Test
    void aMergeRefusedKeepsItsFoldAndWhatWaitsForItUntilAMergeSucceeds() throws Exception {
        refusals.set(1);
        folding.add(fold("a", "b"));
        folding.whenMerged(() -> acknowledged.add("batch 1"));
        now.addAndGet(INTERVAL.toNanos());

        folding.mergeIfDue(); // refused: logged, not thrown

        assertThat(merged).isEmpty();
        assertThat(acknowledged).isEmpty();
        assertThat(folding.pendingKeys()).isEqualTo(2);
        folding.add(fold("b", "c"));
        now.addAndGet(INTERVAL.toNanos());
        folding.mergeIfDue();
        assertThat(merged).containsExactly(3);
        assertThat(acknowledged).containsExactly("batch 1");
    }

    @Test
    void whatWaitsWhileAMergeRunsWaitsForTheNextMergeAndNoCallerWaitsForTheRunningOne() throws Exception {
        mergeHeld = new CountDownLatch(1);
        folding.add(fold("a"));
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                folding.merge();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(mergeEntered.await(10, TimeUnit.SECONDS)).isTrue();
        // a batch stored while the merge of the fold before it runs
        folding.add(fold("b"));
        folding.whenMerged(() -> acknowledged.add("batch 2"));
        now.addAndGet(INTERVAL.toNanos());
        assertThat(folding.due()).isTrue();

        folding.mergeIfDue(); // returns at once: a merge runs

        assertThat(merged).isEmpty();
        mergeHeld.countDown();
        running.get(10, TimeUnit.SECONDS);
        assertThat(merged).containsExactly(1);
        assertThat(acknowledged).as("its fold was not in the merge that ran").isEmpty();
        folding.mergeIfDue();
        assertThat(merged).containsExactly(1, 1);
        assertThat(acknowledged).containsExactly("batch 2");
    }

    /** A fold of one CREATED result per volume. */
    private static ComplianceStateFold fold(String... volumes) {
        ComplianceStateFold fold = new ComplianceStateFold();
        for (String volume : volumes) {
            fold.add(aResult().volume(volume, "data").project("p").policy(SET, "daily").action(VolumeAction.CREATED)
                    .at(Instant.parse("2026-11-20T02:00:00Z")).build());
        }
        return fold;
    }
}
