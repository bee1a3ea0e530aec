package dev.snapshotmanager.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** What the worker does to volumes: limits, concurrency, timeouts and the tags it writes. */
@ConfigMapping(prefix = "snapshot.worker")
public interface WorkerConfig {

    /** {@code created_by} metadata value written on every snapshot this suite creates. */
    @WithDefault("snapshot-manager")
    String createdBy();

    /** {@code created_by} value of the reference system's snapshots, also managed (migration). */
    @WithDefault("p9_auto_snapshots")
    String legacyCreatedBy();

    /** Volumes larger than this many GB are skipped (TOO_LARGE); absent: no limit. */
    Optional<Integer> maxSizeGb();

    /** At most this many new snapshots per run; the rest are SKIPPED MAX_NEW_REACHED. Absent: no limit. */
    Optional<Integer> maxNew();

    /** Volumes per volume task (a project is split only when it alone has more). */
    @WithDefault("50")
    int batchSize();

    /** Volumes handled at the same time by this worker instance (the bounded pool). */
    @WithDefault("32")
    int concurrency();

    /** Volumes of one project handled at the same time by this worker instance. */
    @WithDefault("8")
    int perProjectConcurrency();

    /** How long a new snapshot may stay {@code creating} before it is FAILED with STUCK_CREATING. */
    @WithDefault("15m")
    Duration availableTimeout();

    /** First delay between status polls of a new snapshot; doubles up to {@link #pollMaxInterval()}. */
    @WithDefault("1s")
    Duration pollInitialInterval();

    /** Longest delay between status polls of a new snapshot. */
    @WithDefault("15s")
    Duration pollMaxInterval();

    /** Volumes per call to policy-service's resolution API. */
    @WithDefault("1000")
    int resolutionChunkSize();

    /** Retries of a failed resolution call (5xx, connection errors) before planning fails for good. */
    @WithDefault("3")
    int resolutionMaxRetries();

    /** Delay before the first retry of a resolution call; doubled each time (plus jitter). */
    @WithDefault("500ms")
    Duration resolutionRetryDelay();

    /** Projects whose quota is checked at the same time while planning (each call still passes the rate limit). */
    @WithDefault("8")
    int quotaCheckConcurrency();

    /** This instance's name in heartbeats; absent: the {@code HOSTNAME} environment variable (pod name), else the host name. */
    Optional<String> workerId();

    /** How often this instance reports each run it is planning or has volume tasks of in flight. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /**
     * How far back in time each start reads the run-lifecycle topic for finished runs (cancelled, failed, ...), so
     * that an instance started (scaled out, restarted) after a run was finished still skips that run's request and
     * volumes. At least the longest a run takes, including the time its request and tasks may wait.
     */
    @WithDefault("P2D")
    Duration cancellationLookback();

    /**
     * How long a plan whose events the broker refuses for a transient reason (a Kafka {@code RetriableException}:
     * a broker outage, a leader election, too few in-sync replicas) is published again before it counts as failed.
     * Keep it, plus twice the producer's {@code delivery.timeout.ms} (one attempt), well below run-service's
     * {@code snapshot.runs.stale-after}: a broker outage stops this instance's heartbeats too.
     */
    @WithDefault("5m")
    Duration planPublishRetryMaxDuration();

    /** Delay before a plan's unacknowledged events are published again the first time; doubled each time. */
    @WithDefault("1s")
    Duration planPublishRetryInitialDelay();

    /** Longest delay between two publishes of a plan's unacknowledged events. */
    @WithDefault("30s")
    Duration planPublishRetryMaxDelay();

    /** Inventory sync. */
    Inventory inventory();

    /** The periodic volume inventory sync. */
    interface Inventory {

        /** Whether the periodic sync runs (it also runs at every plan). */
        @WithDefault("true")
        boolean enabled();

        /** Interval of the periodic sync, e.g. {@code 10m}. */
        @WithDefault("10m")
        String interval();
    }
}
