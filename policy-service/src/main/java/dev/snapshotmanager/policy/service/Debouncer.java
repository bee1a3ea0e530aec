package dev.snapshotmanager.policy.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs an action once, {@code delay} after the first of any number of requests; a request made while the action runs
 * runs it again afterwards. The action answers whether it ran; when it could not (another run held a lock), it is
 * requested again, so that no request is lost.
 */
final class Debouncer implements AutoCloseable {

    private final ScheduledExecutorService executor;
    private final Duration delay;
    private final BooleanSupplier action;
    private final AtomicBoolean pending = new AtomicBoolean();

    Debouncer(String threadName, Duration delay, BooleanSupplier action) {
        this.delay = delay;
        this.action = action;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void request() {
        if (pending.compareAndSet(false, true)) {
            executor.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        pending.set(false);
        if (!action.getAsBoolean()) {
            request();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
