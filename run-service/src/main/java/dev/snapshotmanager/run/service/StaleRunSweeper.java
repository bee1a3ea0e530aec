package dev.snapshotmanager.run.service;

import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.run.config.RunsConfig;
import dev.snapshotmanager.run.domain.Run;
import dev.snapshotmanager.run.domain.RunRules;
import dev.snapshotmanager.run.repository.RunRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * A run never stays active forever: an active run without planning or results for {@code snapshot.runs.stale-after}
 * is finalized as FAILED with reason WORKER_LOST, and the change is evented.
 */
@ApplicationScoped
public class StaleRunSweeper {

    @Inject
    RunRepository runs;

    @Inject
    RunEvents events;

    @Inject
    RunsConfig config;

    /** Fails the stale runs as of {@code now}; returns how many. */
    public int sweep(Instant now) {
        Instant before = now.minus(config.staleAfter());
        int failed = 0;
        for (UUID id : QuarkusTransaction.requiringNew().call(() -> runs.staleIds(before, 500))) {
            boolean done = QuarkusTransaction.requiringNew().call(() -> failIfStale(id, before, now));
            failed += done ? 1 : 0;
        }
        return failed;
    }

    private boolean failIfStale(UUID id, Instant before, Instant now) {
        Run run = runs.lock(id).orElse(null);
        if (run == null || !run.isActive() || !run.lastActivityAt().isBefore(before)) {
            return false;
        }
        RunRules.workerLost(run, now, ReasonCodes.WORKER_LOST + ": worker lost, no progress since "
                + run.lastActivityAt());
        events.lifecycle(run, LifecycleEvent.FAILED);
        return true;
    }
}
