package dev.snapshotmanager.run.service;

import dev.snapshotmanager.run.config.SchedulerConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** Drives the scheduler tick and the stale-run sweep on their configured intervals. */
@ApplicationScoped
public class BackgroundJobs {

    @Inject
    SlotScheduler scheduler;

    @Inject
    StaleRunSweeper sweeper;

    @Inject
    SchedulerConfig schedulerConfig;

    @Inject
    Clock clock;

    @Scheduled(identity = "slot-scheduler", every = "${snapshot.scheduler.tick-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (schedulerConfig.enabled()) {
            scheduler.tick(clock.instant());
        }
    }

    @Scheduled(identity = "stale-run-sweep", every = "${snapshot.runs.stale-check-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweeper.sweep(clock.instant());
    }
}
