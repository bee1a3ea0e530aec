package dev.snapshotmanager.run.service;

import dev.snapshotmanager.common.schedule.CronSchedule;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.run.config.SchedulerConfig;
import dev.snapshotmanager.run.domain.NewRun;
import dev.snapshotmanager.run.domain.PolicySchedule;
import dev.snapshotmanager.run.repository.PolicyScheduleRepository;
import dev.snapshotmanager.run.repository.RunInserts;
import dev.snapshotmanager.run.repository.RunRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Fires due policy slots. It keeps no state in memory: every replica (or every instance of this class) may tick at
 * the same time, and the unique index on (policy, slot) decides which insert wins, so each slot becomes exactly one
 * run or one MISSED record.
 *
 * <p>Of the slots due for a policy, only the latest can run: it runs when noticed within {@code missed-after} of its
 * time; otherwise, with RUN_ONCE, it becomes the one catch-up run. Every other slot is recorded as MISSED. A slot
 * whose policy still has an active run is MISSED with reason PREVIOUS_RUN_ACTIVE. Slots older than
 * {@code missed-lookback} are not recorded one by one, but when no due slot is within it, the newest older one is
 * handled as the latest (so a monthly policy whose slot passed during a long outage gets its MISSED record or its
 * catch-up run).
 *
 * <p>At most {@value #MAX_SLOTS_PER_POLICY} slots of a policy are handled in one transaction. When more are due (a
 * per-minute policy after a week's outage), the oldest batch is recorded MISSED, the policy's next slot moves past it
 * only, and the next batch follows in the same tick; the latest slot is decided only in the batch that reaches it.
 */
@Dependent
public class SlotScheduler {

    public static final String REQUESTED_BY = "scheduler";
    private static final Logger LOG = Logger.getLogger(SlotScheduler.class);
    private static final int MAX_POLICIES_PER_TICK = 500;
    private static final int MAX_SLOTS_PER_POLICY = 10_000;

    @Inject
    PolicyScheduleRepository schedules;

    @Inject
    RunInserts inserts;

    @Inject
    RunRepository runs;

    @Inject
    RunEvents events;

    @Inject
    RunMetrics metrics;

    @Inject
    SchedulerConfig config;

    /** Handles every slot due at {@code now}; returns how many runs (not MISSED records) this call created. */
    public int tick(Instant now) {
        int fired = 0;
        for (PolicySchedule policy : schedules.due(now, MAX_POLICIES_PER_TICK)) {
            try {
                fired += handleAll(policy, now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not fire the slots of policy %s/%s", policy.policySetId(), policy.policyName());
            }
        }
        return fired;
    }

    /**
     * Handles a policy's due slots in batches of at most {@value #MAX_SLOTS_PER_POLICY}, each in its own transaction,
     * until the batch that holds its latest due slot.
     */
    private int handleAll(PolicySchedule policy, Instant now) {
        Batch batch = new Batch(policy, 0, 0);
        while (batch.policy() != null) {
            PolicySchedule current = batch.policy();
            int missedBefore = batch.missedBefore();
            batch = QuarkusTransaction.requiringNew().call(() -> handle(current, missedBefore, now))
                    .plusFired(batch.fired());
        }
        return batch.fired();
    }

    /**
     * The outcome of one batch: the policy as it is now when more of its slots are due (else {@code null}), the slots
     * recorded MISSED so far, the runs fired.
     */
    private record Batch(PolicySchedule policy, int missedBefore, int fired) {
        Batch plusFired(int more) {
            return new Batch(policy, missedBefore, fired + more);
        }
    }

    /**
     * One batch of a policy's due slots. When later slots are due than the batch holds (the list hit the cap), every
     * slot of the batch is MISSED (none of them is the latest) and the next slot moves to the one after the batch
     * only: the latest slot is decided once the list reaches it, so that the newest slots (and the on-time one) are
     * never dropped after a long outage.
     */
    private Batch handle(PolicySchedule policy, int missedBefore, Instant now) {
        CronSchedule cron = CronSchedule.of(policy.cron(), policy.timeZone());
        List<Instant> due = new ArrayList<>();
        Instant lookback = now.minus(config.missedLookback());
        if (!policy.nextSlot().isBefore(lookback)) {
            due.add(policy.nextSlot());
        }
        Instant from = policy.nextSlot().isBefore(lookback) ? lookback : policy.nextSlot();
        due.addAll(cron.between(from, now, MAX_SLOTS_PER_POLICY - due.size()));
        if (due.isEmpty()) {
            // every due slot is older than the lookback: the newest of them is still handled (RUN_ONCE catch-up or
            // MISSED), so that a long outage never drops a policy's slots without a trace
            due.add(newestUpTo(cron, policy.nextSlot(), lookback));
        }
        Optional<Instant> afterBatch = cron.next(due.get(due.size() - 1));
        if (afterBatch.isPresent() && !afterBatch.get().isAfter(now)) {
            due.forEach(slot -> missed(policy, slot, now, "MISSED_SLOT: not run within " + config.missedAfter()));
            if (!schedules.advance(policy.policySetId(), policy.policyName(), policy.nextSlot(), afterBatch.get())) {
                return new Batch(null, 0, 0); // another instance handles this policy's slots
            }
            LOG.infof("policy %s/%s: %d due slots recorded MISSED up to %s, more are due", policy.policySetId(),
                    policy.policyName(), due.size(), due.get(due.size() - 1));
            return new Batch(policy.withNextSlot(afterBatch.get()), missedBefore + due.size(), 0);
        }
        int fired = 0;
        int missedSlots = missedBefore + due.size();
        for (int i = 0; i < due.size(); i++) {
            Instant slot = due.get(i);
            boolean latest = i == due.size() - 1;
            boolean onTime = Duration.between(slot, now).compareTo(config.missedAfter()) <= 0;
            if (latest && onTime) {
                fired += fire(policy, slot, now, null) ? 1 : 0;
            } else if (latest && policy.missedRunMode() == MissedRunMode.RUN_ONCE) {
                fired += fire(policy, slot, now, "CATCH_UP: one run for " + missedSlots + " missed slot(s)") ? 1 : 0;
            } else {
                missed(policy, slot, now, "MISSED_SLOT: not run within " + config.missedAfter());
            }
        }
        schedules.advance(policy.policySetId(), policy.policyName(), policy.nextSlot(), cron.next(now).orElse(null));
        return new Batch(null, 0, fired);
    }

    /**
     * Records the slots of a policy's current schedule that came due up to {@code until} and were not handled yet as
     * MISSED, before a change (new cron or zone, disabled, set inactive or deleted) replaces that schedule: a slot
     * not run is recorded, never dropped with the schedule. The lookback applies as in a tick. Runs in the caller's
     * transaction; returns how many slots were recorded.
     */
    public int settleBeforeChange(PolicySchedule old, Instant until, Instant now, String reason) {
        if (!old.fires() || old.nextSlot().isAfter(until)) {
            return 0;
        }
        CronSchedule cron = CronSchedule.of(old.cron(), old.timeZone());
        Instant lookback = now.minus(config.missedLookback());
        List<Instant> due = new ArrayList<>();
        if (!old.nextSlot().isBefore(lookback)) {
            due.add(old.nextSlot());
        }
        Instant from = old.nextSlot().isBefore(lookback) ? lookback : old.nextSlot();
        List<Instant> batch;
        do {
            batch = cron.between(from, until, MAX_SLOTS_PER_POLICY);
            due.addAll(batch);
            from = batch.isEmpty() ? from : batch.get(batch.size() - 1);
        } while (batch.size() == MAX_SLOTS_PER_POLICY);
        if (due.isEmpty()) {
            due.add(newestUpTo(cron, old.nextSlot(), until));
        }
        due.forEach(slot -> missed(old, slot, now, reason));
        return due.size();
    }

    /** The newest slot in {@code [first, until]}; {@code first} is a slot. */
    private static Instant newestUpTo(CronSchedule cron, Instant first, Instant until) {
        return cron.latestAtOrBefore(until).filter(latest -> latest.isAfter(first)).orElse(first);
    }

    private boolean fire(PolicySchedule policy, Instant slot, Instant now, String reason) {
        NewRun run = new NewRun(UUID.randomUUID(), RunStatus.REQUESTED, RunTrigger.SCHEDULED, policy.ref(), slot,
                false, null, policy.tenants(), REQUESTED_BY, reason, null, now, null);
        if (inserts.insertIfAllowed(run)) {
            events.requested(runs.findById(run.id()));
            metrics.schedulerLag(Duration.between(slot, now));
            return true;
        }
        if (inserts.scheduledRunOf(policy.policySetId(), policy.policyName(), slot).isEmpty()) {
            missed(policy, slot, now, "PREVIOUS_RUN_ACTIVE: the policy's previous run was still active");
        }
        return false;
    }

    private void missed(PolicySchedule policy, Instant slot, Instant now, String reason) {
        NewRun run = new NewRun(UUID.randomUUID(), RunStatus.MISSED, RunTrigger.SCHEDULED, policy.ref(), slot,
                false, null, policy.tenants(), REQUESTED_BY, null, reason, now, now);
        if (inserts.insertIfAllowed(run)) {
            events.lifecycle(runs.findById(run.id()), LifecycleEvent.MISSED);
        }
    }
}
