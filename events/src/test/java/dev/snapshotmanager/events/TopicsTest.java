package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesEveryTopicOfTheArchitectureVersioned() {
        assertThat(TopicNames.all()).containsExactlyInAnyOrder(
                "snapshot.run-requested.v1",
                "snapshot.volume-tasks.v1",
                "snapshot.run-planned.v1",
                "snapshot.run-heartbeats.v1",
                "snapshot.volume-results.v1",
                "snapshot.run-lifecycle.v1",
                "snapshot.policy-changed.v1",
                "snapshot.volume-inventory.v1",
                "snapshot.volume-policies.v1");
    }

    @Test
    void deadLetterTopicAppendsDlq() {
        assertThat(Topics.deadLetter(Topics.VOLUME_RESULTS)).isEqualTo("snapshot.volume-results.v1.dlq");
    }

    @Test
    void deadLetterRejectsABlankTopic() {
        assertThatThrownBy(() -> Topics.deadLetter(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
