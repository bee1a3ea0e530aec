package dev.snapshotmanager.policy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DebouncerTest {

    private static final Duration DELAY = Duration.ofMillis(100);

    @Test
    void runsOnceForManyRequestsWithinTheDelay() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Debouncer debouncer = new Debouncer("test", DELAY, () -> runs.incrementAndGet() > 0)) {
            for (int i = 0; i < 50; i++) {
                debouncer.request();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
            Thread.sleep(3 * DELAY.toMillis());
            assertThat(runs).hasValue(1);

            debouncer.request();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
        }
    }

    @Test
    void aRequestWhileTheActionRunsRunsItAgainAfterwards() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Debouncer debouncer = new Debouncer("test", DELAY, () -> {
            if (runs.incrementAndGet() == 1) {
                running.countDown();
                awaitLatch(release);
            }
            return true;
        })) {
            debouncer.request();
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            debouncer.request(); // a change committed while the first run reads
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
        }
    }

    @Test
    void triesAgainWhenTheActionCouldNotRun() {
        AtomicInteger attempts = new AtomicInteger();
        try (Debouncer debouncer = new Debouncer("test", DELAY, () -> attempts.incrementAndGet() >= 3)) {
            debouncer.request();
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 3);
        }
        assertThat(attempts.get()).isEqualTo(3);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
