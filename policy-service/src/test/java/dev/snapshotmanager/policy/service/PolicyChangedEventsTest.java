package dev.snapshotmanager.policy.service;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.globalSet;
import static dev.snapshotmanager.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.policy.ContractTopic;
import dev.snapshotmanager.policy.Fixtures;
import dev.snapshotmanager.policy.api.PolicyRequest;
import dev.snapshotmanager.policy.api.PolicySetRequest;
import dev.snapshotmanager.policy.domain.PolicySet;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PolicyChangedV1 goes through the outbox: written with the change, published to the real topic. */
@QuarkusTest
class PolicyChangedEventsTest {

    @Inject
    PolicySetService service;

    @Inject
    EntityManager em;

    @Test
    void publishesTheFullStateOfEveryChangeAndTheDeletionKeyedBySetId() {
        String id = globalSet().with("autoApply", true).policy(policy("daily_5").with("timeZone", "Europe/Paris"))
                .create();
        as("admin").body(Map.of("priority", 900)).patch("/api/v1/policy-sets/" + id).then().statusCode(200);
        as("admin").delete("/api/v1/policy-sets/" + id).then().statusCode(204);

        List<PolicyChangedV1> events = ContractTopic.await(EventType.POLICY_CHANGED, id, 3, Duration.ofSeconds(30));

        assertThat(events).hasSize(3);
        PolicyChangedV1 created = events.get(0);
        assertThat(created.deleted()).isFalse();
        assertThat(created.version()).isZero();
        assertThat(created.changedBy()).isEqualTo("alice-admin");
        assertThat(created.policySet().scope()).isEqualTo(PolicyScope.GLOBAL);
        assertThat(created.policySet().autoApply()).isTrue();
        assertThat(created.policySet().policies()).singleElement()
                .satisfies(p -> assertThat(p.timeZone()).isEqualTo("Europe/Paris"));
        assertThat(events.get(1).version()).isEqualTo(1);
        assertThat(events.get(1).policySet().priority()).isEqualTo(900);
        assertThat(events.get(2).deleted()).isTrue();
        assertThat(events.get(2).policySet()).isNull();
        assertThat(events.get(2).version()).isGreaterThan(1);
    }

    @Test
    void writesTheOutboxRowInTheTransactionOfTheChange() {
        PolicySetRequest request = new PolicySetRequest(Fixtures.unique("rolled-back"), null, PolicyScope.GLOBAL, null,
                10, true, false, List.of(new PolicyRequest("daily_5", null, "0 2 * * *", "UTC", 5, null, null, null)));

        QuarkusTransaction.begin();
        UUID id;
        try {
            PolicySet set = service.create(request);
            id = set.id;
            assertThat(outboxRows(id)).as("the event is written inside the transaction").isEqualTo(1);
        } finally {
            QuarkusTransaction.rollback();
        }

        assertThat(QuarkusTransaction.requiringNew().call(() -> outboxRows(id)))
                .as("a change that did not commit leaves no event").isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.find(PolicySet.class, id))).isNull();
    }

    @Test
    void aRejectedChangeWritesNoEvent() {
        String id = globalSet().create();
        long before = QuarkusTransaction.requiringNew().call(() -> outboxRows(UUID.fromString(id)));
        as("admin").body(Map.of("policies", List.of(policy("daily_5").with("cron", "nope").build())))
                .patch("/api/v1/policy-sets/" + id).then().statusCode(422);
        assertThat(QuarkusTransaction.requiringNew().call(() -> outboxRows(UUID.fromString(id)))).isEqualTo(before);
    }

    private long outboxRows(UUID setId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE message_key = ?1")
                .setParameter(1, setId.toString()).getSingleResult()).longValue();
    }
}
