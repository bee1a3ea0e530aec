package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventTypeTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void findsTheTypeOfItsCloudEventsType(EventType type) {
        assertThat(EventType.ofType(type.type())).contains(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void findsTheTypeOfItsPayloadClass(EventType type) {
        assertThat(EventType.ofPayload(type.payloadClass())).isEqualTo(type);
    }

    @Test
    void knowsNoOtherCloudEventsType() {
        assertThat(EventType.ofType("snapshot.run.requested.v2")).isEmpty();
        assertThat(EventType.ofType(null)).isEmpty();
    }

    @Test
    void rejectsAClassThatIsNotAPayload() {
        assertThatThrownBy(() -> EventType.ofPayload(PolicyRef.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PolicyRef");
    }

    @Test
    void mapsEachTopicOfTopicsToExactlyOneType() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic))
                .containsExactlyInAnyOrderElementsOf(TopicNames.all());
    }

    @Test
    void usesTheContractsCloudEventsTypes() {
        assertThat(EventType.RUN_REQUESTED.type()).isEqualTo("snapshot.run.requested.v1");
        assertThat(EventType.RUN_REQUESTED.topic()).isEqualTo(Topics.RUN_REQUESTED);
        assertThat(EventType.RUN_REQUESTED.payloadClass()).isEqualTo(RunRequestedV1.class);
        assertThat(EventType.RUN_REQUESTED.schemaResource()).isEqualTo("schemas/run-requested.v1.schema.json");
        assertThat(Arrays.stream(EventType.values()).map(EventType::type)).containsExactly(
                "snapshot.run.requested.v1", "snapshot.run.planned.v1", "snapshot.run.heartbeat.v1", "snapshot.volume.task.v1",
                "snapshot.volume.result.v1", "snapshot.run.lifecycle.v1", "snapshot.policy.changed.v1",
                "snapshot.volume.inventory.v1", "snapshot.volume.policies.v1");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaResourceIsOnTheClasspath(EventType type) {
        assertThat(getClass().getClassLoader().getResource(type.schemaResource())).isNotNull();
    }

    @Test
    void keysEachPayloadAsTheArchitectureSays() {
        assertThat(EventType.RUN_REQUESTED.keyOf(EventFixtures.runRequested())).isEqualTo(EventFixtures.RUN_ID.toString());
        assertThat(EventType.RUN_PLANNED.keyOf(EventFixtures.runPlanned())).isEqualTo(EventFixtures.RUN_ID.toString());
        assertThat(EventType.RUN_LIFECYCLE.keyOf(EventFixtures.runLifecycle())).isEqualTo(EventFixtures.RUN_ID.toString());
        assertThat(EventType.VOLUME_TASK.keyOf(EventFixtures.volumeTask()))
                .isEqualTo(EventFixtures.tenantRef().projectId());
        assertThat(EventType.VOLUME_RESULT.keyOf(EventFixtures.volumeResult()))
                .isEqualTo(EventFixtures.volumeRef().id());
        assertThat(EventType.POLICY_CHANGED.keyOf(EventFixtures.policyChanged()))
                .isEqualTo(EventFixtures.POLICY_SET_ID.toString());
        assertThat(EventType.VOLUME_INVENTORY.keyOf(EventFixtures.volumeInventory()))
                .isEqualTo(EventFixtures.volumeRef().id());
        assertThat(EventType.VOLUME_POLICIES.keyOf(EventFixtures.volumePolicies()))
                .isEqualTo(EventFixtures.volumeRef().id());
    }

    @Test
    void refusesToKeyAPayloadOfAnotherType() {
        assertThatThrownBy(() -> EventType.RUN_PLANNED.keyOf(EventFixtures.runRequested()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
