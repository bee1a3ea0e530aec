package dev.snapshotmanager.run.service;

import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.events.PolicySetState;
import dev.snapshotmanager.events.PolicyState;
import dev.snapshotmanager.run.domain.CronSlots;
import dev.snapshotmanager.run.domain.PolicySchedule;
import dev.snapshotmanager.run.repository.PolicyScheduleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
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
 * schedule did not change keeps its next slot.
 */
@ApplicationScoped
public class PolicyProjection {

    private static final Logger LOG = Logger.getLogger(PolicyProjection.class);

    @Inject
    PolicyScheduleRepository repository;

    /** Applies an event; returns false when it was ignored as stale. */
    @Transactional
    public boolean apply(PolicyChangedV1 event) {
        OptionalLong known = repository.lockVersion(event.policySetId());
        if (known.isPresent() && known.getAsLong() >= event.version()) {
            return false;
        }
        repository.saveVersion(event.policySetId(), event.version(), event.deleted());
        if (event.deleted() || event.policySet() == null) {
            repository.deleteSet(event.policySetId());
            return true;
        }
        PolicySetState set = event.policySet();
        Map<String, PolicySchedule> existing = repository.ofSet(event.policySetId()).stream()
                .collect(Collectors.toMap(PolicySchedule::policyName, Function.identity()));
        Instant base = event.changedAt();
        for (PolicyState policy : set.policies()) {
            repository.upsert(project(set, policy, existing.get(policy.name()), base), base);
        }
        Set<String> names = set.policies().stream().map(PolicyState::name).collect(Collectors.toSet());
        existing.keySet().stream().filter(name -> !names.contains(name))
                .forEach(name -> repository.deletePolicy(event.policySetId(), name));
        return true;
    }

    /** A tombstone on the compacted topic: the set is gone. */
    @Transactional
    public void tombstone(UUID policySetId) {
        long version = repository.lockVersion(policySetId).orElse(0);
        repository.saveVersion(policySetId, version, true);
        repository.deleteSet(policySetId);
    }

    private PolicySchedule project(PolicySetState set, PolicyState policy, PolicySchedule old, Instant base) {
        boolean firing = set.active() && policy.enabled();
        Instant nextSlot = null;
        String error = null;
        try {
            CronSlots slots = CronSlots.of(policy.cron(), policy.timeZone());
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
