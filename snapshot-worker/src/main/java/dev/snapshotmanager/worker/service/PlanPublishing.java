package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.messaging.EventPublisher;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * Publishes a plan's events: its volume tasks and immediate results, then, once the broker acknowledged all of them,
 * its {@link RunPlannedV1}. When the broker refuses some of them for a transient reason (a Kafka
 * {@link RetriableException} in the cause chain: a broker outage or restart, a leader election, too few in-sync
 * replicas, a send that timed out), the events not yet acknowledged are published again, the very same objects (same
 * task ids and creation time, same result event ids, the same {@code RunPlannedV1}), with exponential backoff from
 * {@code plan-publish-retry-initial-delay} to {@code plan-publish-retry-max-delay}, until all are acknowledged or
 * {@code plan-publish-retry-max-duration} has passed. Each repetition is logged (WARN) and counted
 * ({@code snapshot_plan_publish_retries_total}). A permanent refusal (a record too large, a serialization or
 * authorization error, ...) is not repeated.
 *
 * <p>Publishing again is safe: the executors create no second snapshot for a task of the same run and slot
 * ({@link VolumeExecution}: a snapshot of this run found for the slot is waited for and reported with the same event
 * id), run-service counts a result once per event id and applies a plan once per run id ({@code RunTracker}'s
 * processed-event marks), and audit-service stores a result once per event id ({@code record_key}). Only events that
 * were not acknowledged are sent again, so a task is not normally executed twice.
 *
 * <p>How this relates to run-service: a run being planned here is reported in PLANNING heartbeats meanwhile (the
 * planning has not ended), but in a broker outage those heartbeats do not arrive either, and run-service fails the
 * run as WORKER_LOST (or re-drives it) after {@code snapshot.runs.stale-after} (default 30 minutes) without any. One
 * attempt may itself last up to twice the producer's {@code delivery.timeout.ms} (2 minutes by default; the
 * connector retries a send once more for that long), so {@code plan-publish-retry-max-duration} (default 5 minutes)
 * plus that stays well below the stale threshold: the plan is either out, or the run is given up here, before
 * run-service judges it.
 */
@ApplicationScoped
public class PlanPublishing {

    private static final Logger LOG = Logger.getLogger(PlanPublishing.class);

    private final EventPublisher publisher;
    private final Guard retry;

    @Inject
    public PlanPublishing(EventPublisher publisher, WorkerConfig config, WorkerMetrics metrics) {
        this(publisher, metrics, config.planPublishRetryMaxDuration(), config.planPublishRetryInitialDelay(),
                config.planPublishRetryMaxDelay());
    }

    PlanPublishing(EventPublisher publisher, WorkerMetrics metrics, Duration maxDuration, Duration initialDelay,
                   Duration maxDelay) {
        this.publisher = publisher;
        long first = Math.max(1, initialDelay.toMillis());
        this.retry = Guard.create().withRetry()
                .maxRetries(-1).maxDuration(Math.max(1, maxDuration.toMillis()), ChronoUnit.MILLIS)
                .delay(first, ChronoUnit.MILLIS).jitter(Math.max(1, first / 4), ChronoUnit.MILLIS)
                .withExponentialBackoff().factor(2).maxDelay(Math.max(first, maxDelay.toMillis()), ChronoUnit.MILLIS)
                .done()
                .whenException(e -> e instanceof Unacknowledged u && isTransient(u.getCause()))
                .beforeRetry(e -> {
                    metrics.planPublishRetried();
                    if (e instanceof Unacknowledged u) {
                        LOG.warnf("Run %s: the broker did not take %d event(s) of the plan (%s: %s); publishing them "
                                        + "again", u.runId, u.count, u.getCause().getClass().getSimpleName(),
                                u.getCause().getMessage());
                    }
                })
                .done().build();
    }

    /**
     * Publishes the plan's tasks and results, then the {@link RunPlannedV1} that {@code planned} builds (once, when
     * all the others are acknowledged).
     *
     * @throws PlanPartlyPublishedException when it failed for good after a volume task was handed to the broker
     * @throws RuntimeException             the failure, when no task was handed to the broker
     */
    public RunPlannedV1 publish(UUID runId, List<VolumeTaskV1> tasks, List<VolumeResultV1> results,
                                Supplier<RunPlannedV1> planned) {
        Attempts attempts = new Attempts(runId, tasks, results, planned);
        Throwable failure;
        try {
            return retry.call(attempts, RunPlannedV1.class);
        } catch (Unacknowledged e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (Exception e) {
            failure = e;
        }
        if (attempts.taskHandedOver) {
            throw new PlanPartlyPublishedException(runId, failure);
        }
        throw failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
    }

    /** Whether the broker may take it later: a Kafka {@link RetriableException} in the cause chain. */
    static boolean isTransient(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause())
                .anyMatch(RetriableException.class::isInstance);
    }

    /** One event of the plan and whether the broker has acknowledged it. */
    private static final class Event {

        final Supplier<CompletableFuture<Void>> send;
        final boolean task;
        boolean acknowledged;

        Event(Supplier<CompletableFuture<Void>> send, boolean task) {
            this.send = send;
            this.task = task;
        }
    }

    /** The plan's events, built once; each call publishes those not yet acknowledged. */
    private final class Attempts implements Callable<RunPlannedV1> {

        final UUID runId;
        final List<Event> first = new ArrayList<>();
        final Supplier<RunPlannedV1> plan;
        Event last;
        RunPlannedV1 planned;
        /** Whether a volume task was handed to the broker: from then on the run's tasks may run. */
        boolean taskHandedOver;

        Attempts(UUID runId, List<VolumeTaskV1> tasks, List<VolumeResultV1> results, Supplier<RunPlannedV1> plan) {
            this.runId = runId;
            this.plan = plan;
            tasks.forEach(t -> first.add(new Event(() -> publisher.task(t), true)));
            results.forEach(r -> first.add(new Event(() -> publisher.result(r), false)));
        }

        @Override
        public RunPlannedV1 call() {
            publishUnacknowledged(first);
            if (last == null) {
                planned = plan.get();
                last = new Event(() -> publisher.planned(planned), false);
            }
            publishUnacknowledged(List.of(last));
            return planned;
        }

        /** Sends every event not yet acknowledged, then waits for all of them. */
        private void publishUnacknowledged(List<Event> events) {
            List<Event> pending = events.stream().filter(e -> !e.acknowledged).toList();
            List<CompletableFuture<Void>> sent = new ArrayList<>(pending.size());
            for (Event event : pending) {
                CompletableFuture<Void> acked;
                try {
                    acked = event.send.get();
                    taskHandedOver |= event.task;
                } catch (RuntimeException e) {
                    acked = CompletableFuture.failedFuture(e);
                }
                sent.add(acked);
            }
            List<Throwable> failures = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                try {
                    sent.get(i).join();
                    pending.get(i).acknowledged = true;
                } catch (CompletionException | CancellationException e) {
                    failures.add(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                }
            }
            if (!failures.isEmpty()) {
                // A permanent refusal decides: repeating the others would not get the plan out.
                Throwable cause = failures.stream().filter(f -> !isTransient(f)).findFirst().orElse(failures.get(0));
                throw new Unacknowledged(runId, failures.size(), cause);
            }
        }
    }

    /** Some of a plan's events were not acknowledged by the broker; the cause is the refusal that decides. */
    private static final class Unacknowledged extends RuntimeException {

        final UUID runId;
        final int count;

        Unacknowledged(UUID runId, int count, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.runId = runId;
            this.count = count;
        }
    }
}
