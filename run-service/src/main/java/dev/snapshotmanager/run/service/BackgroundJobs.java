package dev.snapshotmanager.run.service;

import dev.snapshotmanager.run.config.SchedulerConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** Drives the scheduler tick, the stale-run sweep and the volume-outcome pruning on their configured intervals. */
@ApplicationScoped
public class BackgroundJobs {

    @Inject
    SlotScheduler scheduler;

    @Inject
    StaleRunSweeper sweeper;

    @Inject
    VolumeOutcomePruner outcomePruner;

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

    @Scheduled(identity = "volume-outcome-prune", every = "${snapshot.runs.outcome-prune-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneOutcomes() {
        outcomePruner.prune(clock.instant());
    }
}
