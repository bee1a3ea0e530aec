package dev.snapshotmanager.run.service;

import dev.snapshotmanager.run.config.RunsConfig;
import dev.snapshotmanager.run.repository.VolumeOutcomes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps {@code run_volume_outcome} bounded: the outcomes of runs that finished longer than
 * {@code snapshot.runs.outcome-retention} ago are deleted. They only serve to count each volume once while results
 * can still come; a finished run's counters are kept on the run.
 *
 * <p>A pass is a series of short transactions, each deleting at most {@value #CHUNK} rows: runs are first marked
 * PRUNING (up to {@value #RUNS_PER_STEP} at a time), their outcomes deleted chunk by chunk, then they are marked
 * PRUNED. From PRUNING on, {@link RunTracker} ignores a late create outcome of the run, so no half-pruned run counts
 * a volume twice. One replica at a time: each transaction takes an advisory lock first, and a replica that does not
 * get it ends its pass. The rows each committed transaction deleted are counted in
 * {@code snapshot_run_outcomes_pruned_total}.
 */
@ApplicationScoped
public class VolumeOutcomePruner {

    /** Outcome rows deleted per transaction. */
    public static final int CHUNK = 5_000;
    /** Runs marked PRUNING per transaction. */
    static final int RUNS_PER_STEP = 100;
    private static final Logger LOG = Logger.getLogger(VolumeOutcomePruner.class);

    @Inject
    VolumeOutcomes outcomes;

    @Inject
    RunsConfig config;

    @Inject
    RunMetrics metrics;

    /**
     * What one transaction did.
     *
     * @param thePruner whether it held the pruning lock (false: another replica prunes, nothing was done)
     * @param deleted   outcome rows deleted
     * @param finished  runs marked PRUNED
     * @param started   runs marked PRUNING
     */
    public record Step(boolean thePruner, int deleted, int finished, int started) {

        /** Whether there may be more to do. */
        public boolean progressed() {
            return deleted > 0 || finished > 0 || started > 0;
        }
    }

    /** Prunes the outcomes of the runs finished before {@code now} minus the retention; rows deleted. */
    public long prune(Instant now) {
        return prune(now.minus(config.outcomeRetention()), CHUNK);
    }

    /** Prunes the outcomes of the runs finished before {@code cutoff}, {@code chunk} rows at a time; rows deleted. */
    public long prune(Instant cutoff, int chunk) {
        long deleted = 0;
        Step step;
        do {
            step = step(cutoff, chunk);
            deleted += step.deleted();
        } while (step.progressed());
        if (deleted > 0) {
            LOG.infof("pruned %d volume outcomes of runs finished before %s", deleted, cutoff);
        }
        return deleted;
    }

    /**
     * One transaction: deletes up to {@code chunk} outcomes of the PRUNING runs; when that was their last, marks them
     * PRUNED and the next runs finished before {@code cutoff} PRUNING.
     */
    public Step step(Instant cutoff, int chunk) {
        Step step = QuarkusTransaction.requiringNew().call(() -> {
            if (!outcomes.tryPruneLock()) {
                return new Step(false, 0, 0, 0);
            }
            int deleted = outcomes.deletePruning(chunk);
            if (deleted == chunk) {
                return new Step(true, deleted, 0, 0);
            }
            int finished = outcomes.finishPruning();
            return new Step(true, deleted, finished, outcomes.startPruning(cutoff, RUNS_PER_STEP));
        });
        // after the commit: a later transaction that fails leaves the count right
        metrics.outcomesPruned(step.deleted());
        return step;
    }
}
