package dev.snapshotmanager.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TopicPlanTest {

    /** Every topic constant of the event contract, found by reflection so that a new topic cannot be forgotten. */
    static List<String> contractTopics() {
        return Stream.of(Topics.class.getDeclaredFields())
                .filter(f -> Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers())
                        && f.getType() == String.class)
                .map(TopicPlanTest::value).toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Map<String, TopicPlan.TopicSpec> plan = TopicPlan.all().stream()
            .collect(Collectors.toMap(TopicPlan.TopicSpec::name, Function.identity()));

    @Test
    void createsEveryContractTopicAndItsDeadLetterTopic() {
        assertThat(contractTopics()).hasSizeGreaterThanOrEqualTo(7);
        for (String topic : contractTopics()) {
            assertThat(plan).containsKey(topic).containsKey(Topics.deadLetter(topic));
        }
    }

    @Test
    void compactsTheCompactedTopicsAndKeepsTheOthersForAWhile() {
        assertThat(plan.get(Topics.POLICY_CHANGED).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(plan.get(Topics.VOLUME_INVENTORY).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(plan.get(Topics.VOLUME_RESULTS).configs()).containsEntry("cleanup.policy", "delete")
                .containsKey("retention.ms");
        assertThat(plan.values().stream().filter(TopicPlan.TopicSpec::compacted).map(TopicPlan.TopicSpec::name))
                .containsExactlyInAnyOrder(Topics.POLICY_CHANGED, Topics.VOLUME_INVENTORY, Topics.VOLUME_POLICIES);
    }

    @Test
    void spreadsVolumeTasksOverSeveralPartitionsSoThatSeveralWorkersShareThem() {
        assertThat(plan.get(Topics.VOLUME_TASKS).partitions()).isGreaterThanOrEqualTo(6);
        assertThat(plan.values()).allSatisfy(t -> assertThat(t.partitions()).isPositive());
    }
}
