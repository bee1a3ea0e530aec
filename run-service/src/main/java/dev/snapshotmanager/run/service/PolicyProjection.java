package dev.snapshotmanager.run.service;

import dev.snapshotmanager.common.schedule.CronSchedule;
import dev.snapshotmanager.common.time.ClockLead;
import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.events.PolicySetState;
import dev.snapshotmanager.events.PolicyState;
import dev.snapshotmanager.run.domain.PolicySchedule;
import dev.snapshotmanager.run.repository.PolicyScheduleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps the schedule projection from PolicyChangedV1 events. An event not newer than the set's known version is a
 * duplicate or arrived out of order and changes nothing. A policy that starts firing (new, re-enabled, new cron or
 * zone) gets its first slot after the change, so re-enabling never fires a burst of old slots; a policy whose
 * schedule did not change keeps its next slot. Before a change replaces or removes a schedule's next slot, the slots
 * of the old schedule that came due before the change and were not handled yet are recorded MISSED. A change dated
 * ahead of this service's clock counts as made now, so that no clock running ahead pins a schedule in the future.
 */
@ApplicationScoped
public class PolicyProjection {

    private static final Logger LOG = Logger.getLogger(PolicyProjection.class);

    @Inject
    PolicyScheduleRepository repository;

    @Inject
    SlotScheduler scheduler;

    @Inject
    Clock clock;

    /** Applies an event; returns false when it was ignored as stale. */
    @Transactional
    public boolean apply(PolicyChangedV1 event) {
        OptionalLong known = repository.lockVersion(event.policySetId());
        if (known.isPresent() && known.getAsLong() >= event.version()) {
            return false;
        }
        repository.saveVersion(event.policySetId(), event.version(), event.deleted());
        Instant now = clock.instant();
        // a change dated ahead of this service's clock (policy-service's clock runs ahead) counts from now: its first
        // slot after the change would lie ahead, and a later change that keeps the schedule would keep that slot
        if (ClockLead.noticeable(event.changedAt(), now)) {
            LOG.warnf("policy set %s version %d changed at %s, ahead of this service's clock (%s): applied as of now",
                    event.policySetId(), event.version(), event.changedAt(), now);
        }
        Instant base = ClockLead.capped(event.changedAt(), now);
        Map<String, PolicySchedule> existing = repository.ofSet(event.policySetId()).stream()
                .collect(Collectors.toMap(PolicySchedule::policyName, Function.identity()));
        if (event.deleted() || event.policySet() == null) {
            existing.values().forEach(old -> settle(old, base, now, "the policy set was deleted"));
            repository.deleteSet(event.policySetId());
            return true;
        }
        PolicySetState set = event.policySet();
        for (PolicyState policy : set.policies()) {
            PolicySchedule old = existing.get(policy.name());
            PolicySchedule projected = project(set, policy, old, base);
            if (old != null && !Objects.equals(old.nextSlot(), projected.nextSlot())) {
                settle(old, base, now,
                        projected.fires() ? "the policy's schedule changed" : "the policy stopped firing");
            }
            repository.upsert(projected, base);
        }
        Set<String> names = set.policies().stream().map(PolicyState::name).collect(Collectors.toSet());
        existing.values().stream().filter(old -> !names.contains(old.policyName())).forEach(old -> {
            settle(old, base, now, "the policy was removed from its set");
            repository.deletePolicy(event.policySetId(), old.policyName());
        });
        return true;
    }

    /** A tombstone on the compacted topic: the set is gone. */
    @Transactional
    public void tombstone(UUID policySetId) {
        long version = repository.lockVersion(policySetId).orElse(0);
        repository.saveVersion(policySetId, version, true);
        Instant now = clock.instant();
        repository.ofSet(policySetId).forEach(old -> settle(old, now, now, "the policy set was deleted"));
        repository.deleteSet(policySetId);
    }

    /**
     * Records the slots of the old schedule that came due before the change (up to {@code until}: the change's time,
     * at most now) and that the scheduler has not handled (after an outage, or a change applied between two ticks)
     * as MISSED: the change replaces the schedule's next slot, and they would vanish without a record.
     */
    private void settle(PolicySchedule old, Instant until, Instant now, String why) {
        int recorded = scheduler.settleBeforeChange(old, until, now,
                "MISSED_SLOT: not run before " + why + " at " + until);
        if (recorded > 0) {
            LOG.infof("policy %s/%s: %d due slot(s) of its old schedule recorded MISSED (%s)", old.policySetId(),
                    old.policyName(), recorded, why);
        }
    }

    private PolicySchedule project(PolicySetState set, PolicyState policy, PolicySchedule old, Instant base) {
        boolean firing = set.active() && policy.enabled();
        Instant nextSlot = null;
        String error = null;
        try {
            CronSchedule slots = CronSchedule.of(policy.cron(), policy.timeZone());
            if (firing) {
                boolean sameSchedule = old != null && old.fires() && old.cron().equals(policy.cron())
                        && old.timeZone().equals(policy.timeZone());
                nextSlot = sameSchedule ? old.nextSlot() : slots.next(base).orElse(null);
            }
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
            LOG.warnf("policy %s/%s does not fire: %s", set.id(), policy.name(), error);
        }
        return new PolicySchedule(set.id(), policy.name(), set.name(), set.scope(), set.tenantId(), set.active(),
                policy.enabled(), policy.cron(), policy.timeZone(), policy.missedRunMode(), nextSlot, error);
    }
}
