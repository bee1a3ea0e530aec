package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.config.AuditConfig;
import dev.snapshotmanager.audit.repository.ComplianceStateFold;
import dev.snapshotmanager.audit.repository.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Merges the folds of stored results into the compliance state ({@code volume_policy_state}) once per interval
 * ({@code audit.compliance.fold-interval}) or sooner once the fold holds {@code audit.compliance.fold-max-keys} keys,
 * instead of once per stored batch: a (volume, policy) that recurs within the interval, as in every backlog, costs
 * PostgreSQL one update instead of one per batch, and the update is no longer part of the transaction that stores the
 * batch.
 *
 * <p>Nothing is lost when the service stops before a fold is merged: the consumer commits a batch's offsets only
 * after the fold holding that batch is merged ({@link #whenMerged}), so an unmerged batch is consumed again, and the
 * store of a redelivered batch folds its stored records again ({@code RecordWriter#insert}); merging is idempotent.
 * Merges run one at a time, in the order their folds were taken, so an action registered after a fold was added runs
 * only once a merge holding that fold has committed. A merge PostgreSQL does not take puts its fold and actions back.
 */
@ApplicationScoped
public class ComplianceFolding {

    private static final Logger LOG = Logger.getLogger(ComplianceFolding.class);

    /** Merges a fold in a transaction of its own. */
    @FunctionalInterface
    interface Merge {
        void merge(ComplianceStateFold fold) throws SQLException;
    }

    private final Merge merge;
    private final long intervalNanos;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final ReentrantLock merging = new ReentrantLock();
    private final Counter mergedKeys;

    /** Guarded by this: the fold not merged yet, what waits for it, and since when (nanoTime) it is not idle. */
    private ComplianceStateFold pending = new ComplianceStateFold();
    private List<Runnable> waiting = new ArrayList<>();
    private long pendingSince;

    @Inject
    public ComplianceFolding(DataSource dataSource, AuditConfig config, MeterRegistry registry) {
        this(fold -> {
            if (!fold.isEmpty()) { // only acknowledgements wait: no transaction
                Transactions.inOne(dataSource, c -> {
                    fold.merge(c);
                    return null;
                });
            }
        }, config.compliance().foldInterval(),
                config.compliance().foldMaxKeys(), System::nanoTime, registry);
    }

    ComplianceFolding(Merge merge, Duration interval, int maxKeys, LongSupplier nanoTime, MeterRegistry registry) {
        this.merge = merge;
        this.intervalNanos = interval.toNanos();
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
        mergedKeys = Counter.builder("audit.compliance.fold.merged")
                .description("(volume, policy) states merged into the compliance state").register(registry);
        Gauge.builder("audit.compliance.fold.pending", this, ComplianceFolding::pendingKeys)
                .description("(volume, policy) states folded from stored results, not merged yet").register(registry);
    }

    /** Adds the fold of results whose transaction has committed. */
    public void add(ComplianceStateFold fold) {
        if (fold.isEmpty()) {
            return;
        }
        synchronized (this) {
            startWaiting();
            pending.addAll(fold);
        }
    }

    /**
     * Runs {@code action} once everything added before this call is merged: at the end of the next merge that
     * commits, or of a later one.
     */
    public void whenMerged(Runnable action) {
        synchronized (this) {
            startWaiting();
            waiting.add(action);
        }
    }

    /** Keys folded and not merged yet. */
    public synchronized int pendingKeys() {
        return pending.size();
    }

    /** Whether a merge is due: the fold is full, or something has waited for a whole interval. */
    public synchronized boolean due() {
        return !idle() && (pending.size() >= maxKeys || nanoTime.getAsLong() - pendingSince >= intervalNanos);
    }

    /**
     * Merges when due, unless another merge is running (the caller does not wait for it; that merge or the next one
     * takes what is pending). A merge PostgreSQL refused is logged and repeated at the next check.
     */
    public void mergeIfDue() {
        if (!due() || !merging.tryLock()) {
            return;
        }
        try {
            mergeHoldingLock();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The compliance state could not be merged (%s); repeating it at the next check", e.getMessage());
        } finally {
            merging.unlock();
        }
    }

    /** Merges everything pending now, waiting for a running merge first. */
    public void merge() throws SQLException {
        merging.lock();
        try {
            mergeHoldingLock();
        } finally {
            merging.unlock();
        }
    }

    /** Checks every second whether a merge is due (a stream that stopped still gets its last fold merged). */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        mergeIfDue();
    }

    /** Merges what is pending before the service stops, so that its consumer need not consume it again. */
    void onStop(@Observes ShutdownEvent event) {
        try {
            merge();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The compliance state was not merged before stopping (%s); its results are consumed again",
                    e.getMessage());
        }
    }

    private void mergeHoldingLock() throws SQLException {
        ComplianceStateFold fold;
        List<Runnable> actions;
        synchronized (this) {
            fold = pending;
            actions = waiting;
            pending = new ComplianceStateFold();
            waiting = new ArrayList<>();
        }
        try {
            merge.merge(fold);
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                startWaiting();
                fold.addAll(pending);
                pending = fold;
                actions.addAll(waiting);
                waiting = actions;
            }
            throw e;
        }
        mergedKeys.increment(fold.size());
        actions.forEach(ComplianceFolding::runQuietly);
    }

    /** Guarded by this: nothing waits for a merge. */
    private boolean idle() {
        return pending.isEmpty() && waiting.isEmpty();
    }

    /** Guarded by this, before something is added: the interval counts from the first thing that waits. */
    private void startWaiting() {
        if (idle()) {
            pendingSince = nanoTime.getAsLong();
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "An action waiting for the compliance state failed");
        }
    }
}
