package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.events.PolicySetState;
import dev.snapshotmanager.events.PolicyState;
import dev.snapshotmanager.outbox.Outbox;
import dev.snapshotmanager.policy.domain.PolicySet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Writes {@code PolicyChangedV1} (the set's full state, or its deletion) to the outbox, in the transaction of the
 * change; the outbox relay publishes it to {@code snapshot.policy-changed.v1}, keyed by policy set id.
 */
@ApplicationScoped
public class PolicyEvents {

    @Inject
    Event<ResolutionInputsChanged> changes;

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(PolicySet set) {
        PolicySetState state = new PolicySetState(set.id, set.name, set.scope, set.tenantId, set.priority, set.active,
                set.autoApply, set.policies.stream().map(p -> new PolicyState(p.name, p.cron, p.timeZone, p.keepLast,
                        p.maxAge, p.missedRunMode, p.enabled)).toList());
        append(new PolicyChangedV1(set.id, false, set.version, set.updatedAt, set.updatedBy, state));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(PolicySet set, String actor, Instant at) {
        append(new PolicyChangedV1(set.id, true, set.version + 1, at, actor, null));
    }

    private void append(PolicyChangedV1 event) {
        changes.fire(new ResolutionInputsChanged("policy set"));
        String key = event.policySetId().toString();
        outbox.append(EventType.POLICY_CHANGED, key, "policy-set/" + key, event);
    }
}
