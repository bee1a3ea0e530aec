package dev.snapshotmanager.run.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How runs are tracked ({@code snapshot.runs.*}). */
@ConfigMapping(prefix = "snapshot.runs")
public interface RunsConfig {

    /** An active run with neither planning/volume result nor worker heartbeat for this long is stale (WORKER_LOST). */
    @WithDefault("PT30M")
    Duration staleAfter();

    /** How often active runs are checked for staleness (a Quarkus scheduler interval, e.g. {@code 30s}). */
    @WithDefault("30s")
    String staleCheckInterval();

    /**
     * A REQUESTED run (no worker has started planning it: it waits in the run-requested queue, behind other plans, and
     * gets no heartbeat) with no sign of life for this long fails as REQUEST_TIMEOUT (or is re-driven).
     */
    @WithDefault("PT4H")
    Duration requestTimeout();

    /**
     * How long a stale-run sweep waits for the worker-report consumers to apply what the report topics hold when it
     * starts; longer than the consumers' commit interval ({@code auto.commit.interval.ms}, 5 s). When they have not
     * caught up by then, the sweep is skipped.
     */
    @WithDefault("PT10S")
    Duration staleCheckCatchUpWait();

    /** At most one PROGRESS lifecycle event per run within this interval. */
    @WithDefault("PT1S")
    Duration progressEventInterval();

    /**
     * How often an event stream sends a comment line between its events, so that proxies and load balancers
     * with an idle timeout (60 s is common) keep it open; browsers ignore comments.
     */
    @WithDefault("PT25S")
    Duration streamKeepAlive();

    /** What happens to a stale run: FAIL it (WORKER_LOST), or REDRIVE it (request it again) while it is unplanned. */
    @WithDefault("FAIL")
    StaleAction staleAction();

    /** With stale-action REDRIVE: how often a stale unplanned run is requested again before it fails. */
    @WithDefault("1")
    int maxRedrives();

    /**
     * How long after a run finished its volume outcomes ({@code run_volume_outcome}, one row per volume) are kept.
     * After that a late create outcome of the run is ignored (its counters stay as they are).
     */
    @WithDefault("P3D")
    Duration outcomeRetention();

    /** How often the volume outcomes of runs finished longer than {@link #outcomeRetention()} ago are pruned. */
    @WithDefault("10m")
    String outcomePruneInterval();

    /** What {@link #staleAction()} does. */
    enum StaleAction {
        /** Fail every stale run as WORKER_LOST. */
        FAIL,
        /**
         * Request a stale REQUESTED or PLANNING run that has no plan yet again (the worker's planning is idempotent
         * per run), up to {@link #maxRedrives()} times; fail it as WORKER_LOST after that, and fail stale RUNNING runs.
         */
        REDRIVE
    }
}
