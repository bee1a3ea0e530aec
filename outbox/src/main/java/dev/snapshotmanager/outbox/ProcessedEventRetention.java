package dev.snapshotmanager.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Keeps {@code processed_event} bounded: every {@code snapshot.outbox.prune-interval} the marks older than
 * {@code snapshot.outbox.processed-retention} are deleted ({@link ProcessedEventPruner}: chunks of {@value #CHUNK}
 * rows, one replica at a time), counted in {@code snapshot_outbox_processed_pruned_total}. Runs on the scheduler's
 * thread, not the relay's, so a long first pass over an old table does not hold events back.
 */
@Startup
@ApplicationScoped
public class ProcessedEventRetention {

    /** Rows deleted per transaction. */
    static final int CHUNK = 5_000;
    private static final Logger LOG = Logger.getLogger(ProcessedEventRetention.class);

    @Inject
    OutboxConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private Counter pruned;

    @PostConstruct
    void registerMetric() {
        pruned = Counter.builder("snapshot_outbox_processed_pruned_total")
                .description("processed-event marks deleted after snapshot.outbox.processed-retention")
                .register(registry);
    }

    @Scheduled(identity = "outbox-processed-event-prune", every = "${snapshot.outbox.prune-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            prune();
        } catch (OutboxRelayException e) {
            LOG.warnf("pruning processed events failed, trying again in %s: %s (%s)", config.pruneInterval(),
                    e.getMessage(), e.getCause() == null ? "" : e.getCause().getMessage());
        }
    }

    /**
     * Deletes the marks older than the retention now.
     *
     * @return how many were deleted (0 as well when another replica is pruning)
     */
    public long prune() {
        long deleted = new ProcessedEventPruner(dataSource)
                .pruneBefore(Instant.now().minus(config.processedRetention()), CHUNK, pruned::increment);
        if (deleted > 0) {
            LOG.infof("pruned %d processed-event marks older than %s", deleted, config.processedRetention());
        }
        return deleted;
    }
}
