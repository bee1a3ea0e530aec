package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.config.AuditConfig;
import dev.snapshotmanager.audit.repository.RecordPartitions;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/** Keeps monthly partitions ready ahead of time and drops those beyond the retention: at start and every hour. */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    @Inject
    AuditConfig config;

    @Inject
    RecordPartitions partitions;

    @Inject
    RetentionPolicy retention;

    void onStart(@Observes StartupEvent event) {
        run();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        Set<YearMonth> ahead = new LinkedHashSet<>();
        for (int i = 0; i <= config.partitions().monthsAhead(); i++) {
            ahead.add(now.plusMonths(i));
        }
        partitions.ensure(ahead);
        retention.firstKeptMonth().ifPresent(first -> {
            List<YearMonth> dropped = partitions.dropBefore(first);
            if (!dropped.isEmpty()) {
                LOG.infof("Dropped record partitions beyond the retention: %s", dropped);
            }
        });
    }
}
