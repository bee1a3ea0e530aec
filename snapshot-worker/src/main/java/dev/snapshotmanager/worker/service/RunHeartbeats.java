package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.RunHeartbeatV1;
import dev.snapshotmanager.events.WorkerPhase;
import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.messaging.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * This instance's liveness per run ({@link RunHeartbeatV1} on {@code snapshot.run-heartbeats.v1}): while it plans a
 * run or has volume tasks of a run in flight, it reports the run every {@code heartbeat-interval} (and once right
 * away when the run becomes active here), with phase PLANNING, or EXECUTING and the number of tasks in flight. When
 * the run's work on this instance ends, the reports stop. A planning failure is reported once as PLANNING_FAILED.
 * Heartbeats are best effort: one that cannot be sent is logged and the next one tries again.
 */
@ApplicationScoped
public class RunHeartbeats {

    private static final Logger LOG = Logger.getLogger(RunHeartbeats.class);

    /** What this instance does for one run: plannings (0 or 1) and volume tasks in flight. */
    private record Activity(int planning, int batches) {

        Activity plus(int planningDelta, int batchesDelta) {
            return new Activity(Math.max(0, planning + planningDelta), Math.max(0, batches + batchesDelta));
        }

        boolean idle() {
            return planning == 0 && batches == 0;
        }

        WorkerPhase phase() {
            return batches > 0 ? WorkerPhase.EXECUTING : WorkerPhase.PLANNING;
        }
    }

    private final EventPublisher publisher;
    private final String workerId;
    /** Guarded by {@code this}: updates and sends are serialised, so no heartbeat follows a run's end or failure. */
    private final Map<UUID, Activity> active = new HashMap<>();
    private final ScheduledExecutorService timer;

    public RunHeartbeats(EventPublisher publisher, WorkerConfig config) {
        this.publisher = publisher;
        this.workerId = config.workerId().filter(id -> !id.isBlank()).orElseGet(RunHeartbeats::hostName);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-heartbeats");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, config.heartbeatInterval().toMillis());
        timer.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** The name this instance reports itself by. */
    public String workerId() {
        return workerId;
    }

    public void planningStarted(UUID runId) {
        change(runId, 1, 0);
    }

    public void planningEnded(UUID runId) {
        change(runId, -1, 0);
    }

    public void taskStarted(UUID runId) {
        change(runId, 0, 1);
    }

    public void taskEnded(UUID runId) {
        change(runId, 0, -1);
    }

    /**
     * Reports that planning the run failed for good; completes when the broker acknowledged it.
     *
     * @param error why, fit for operators (no secrets, no stack trace)
     */
    public synchronized CompletableFuture<Void> planningFailed(UUID runId, String error) {
        return publisher.heartbeat(new RunHeartbeatV1(runId, workerId, WorkerPhase.PLANNING_FAILED, 0, error,
                Instant.now()));
    }

    private synchronized void change(UUID runId, int planningDelta, int batchesDelta) {
        Activity before = active.get(runId);
        Activity after = (before == null ? new Activity(0, 0) : before).plus(planningDelta, batchesDelta);
        if (after.idle()) {
            active.remove(runId);
        } else {
            active.put(runId, after);
            if (before == null) {
                send(runId, after);
            }
        }
    }

    synchronized void beat() {
        try {
            List.copyOf(active.entrySet()).forEach(e -> send(e.getKey(), e.getValue()));
        } catch (RuntimeException e) {
            LOG.warnf("Heartbeats not sent: %s", e.getMessage());
        }
    }

    private void send(UUID runId, Activity activity) {
        try {
            publisher.heartbeat(new RunHeartbeatV1(runId, workerId, activity.phase(), activity.batches(), null,
                            Instant.now()))
                    .exceptionally(e -> {
                        LOG.warnf("Heartbeat of run %s not sent: %s", runId, e.getMessage());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.warnf("Heartbeat of run %s not sent: %s", runId, e.getMessage());
        }
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "snapshot-worker-" + ProcessHandle.current().pid();
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
