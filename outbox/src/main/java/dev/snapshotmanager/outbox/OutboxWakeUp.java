package dev.snapshotmanager.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the relay as soon as a transaction that wrote to the outbox commits, so events leave within
 * milliseconds instead of waiting for the next poll.
 */
@ApplicationScoped
public class OutboxWakeUp {

    private final Semaphore signal = new Semaphore(0);

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Signals the relay once the current transaction has committed. */
    void afterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signal.release();
                }
            }
        });
    }

    /** Waits until signalled or until {@code millis} pass; then clears pending signals. */
    void await(long millis) throws InterruptedException {
        if (signal.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            signal.drainPermits();
        }
    }
}
