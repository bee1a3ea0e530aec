package dev.snapshotmanager.run.service;

import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.run.domain.RunChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Run metrics at the business boundary: runs by status and trigger ({@code snapshot_runs_total}), run duration
 * ({@code snapshot_run_duration_seconds}), volumes per run ({@code snapshot_run_volumes}) and scheduler lag, the
 * fire time minus the slot time ({@code snapshot_scheduler_lag_seconds}). Counted after the change committed. The
 * background jobs' counters ({@code snapshot_stale_sweeps_skipped_total}, {@code snapshot_run_outcomes_pruned_total})
 * are registered at start, so that they are exported (at 0) before the first increment.
 */
@Startup
@ApplicationScoped
public class RunMetrics {

    @Inject
    MeterRegistry registry;

    private Counter staleSweepsSkipped;
    private Counter outcomesPruned;

    @PostConstruct
    void registerCounters() {
        staleSweepsSkipped = Counter.builder("snapshot_stale_sweeps_skipped_total")
                .description("stale-run sweeps that had runs to judge but were skipped: the worker reports on Kafka "
                        + "were not all applied (a sweep without such a run does not ask Kafka and is not counted)")
                .register(registry);
        outcomesPruned = Counter.builder("snapshot_run_outcomes_pruned_total")
                .description("volume outcomes (run_volume_outcome rows) of finished runs deleted after "
                        + "snapshot.runs.outcome-retention")
                .register(registry);
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunChanged change) {
        RunLifecycleV1 run = change.lifecycle();
        if (run.event() == LifecycleEvent.PROGRESS) {
            return;
        }
        registry.counter("snapshot_runs_total", "status", run.status().name(), "trigger", run.trigger().name())
                .increment();
        if (run.status().isTerminal() && run.durationMs() != null) {
            Timer.builder("snapshot_run_duration").tag("status", run.status().name())
                    .tag("trigger", run.trigger().name()).register(registry)
                    .record(Duration.ofMillis(run.durationMs()));
        }
        if (run.status().isTerminal() && run.counters() != null) {
            DistributionSummary.builder("snapshot_run_volumes").tag("dry_run", String.valueOf(run.dryRun()))
                    .register(registry).record(run.counters().totalVolumes());
        }
    }

    /** A stale-run sweep that had runs to judge was skipped: the worker reports on Kafka were not all applied. */
    public void staleSweepSkipped() {
        staleSweepsSkipped.increment();
    }

    /** A committed pruning transaction deleted this many volume outcomes. */
    public void outcomesPruned(int deleted) {
        outcomesPruned.increment(deleted);
    }

    /** How late the scheduler fired a slot. */
    public void schedulerLag(Duration lag) {
        Timer.builder("snapshot_scheduler_lag").register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
