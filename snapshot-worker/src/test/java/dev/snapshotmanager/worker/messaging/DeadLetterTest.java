package dev.snapshotmanager.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.DeadLetters;
import dev.snapshotmanager.worker.support.PolicyDouble;
import dev.snapshotmanager.worker.support.Tasks;
import dev.snapshotmanager.worker.support.Topic;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter topics of the worker's consumed channels on the real broker: a record whose processing fails for
 * good reaches {@code <topic>.dlq} as the event it was (JSON), and one that could not be read at all with its
 * original bytes.
 */
@QuarkusTest
class DeadLetterTest {

    static final String P = "e000000000000000000000000000000e";
    static final String VOL = "50000000-0000-4000-8000-0000000000e1";
    static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeEach
    void cloud() {
        Clouds.cloud().project(P, "epsilon").volume(VOL, "data", P, 1).load();
        PolicyDouble.decisions().applies(VOL, Tasks.DAILY, new Retention(3, null)).install();
    }

    @AfterEach
    void policyServiceAnswersAgain() {
        PolicyDouble.decisions().install();
    }

    @Test
    void aRunRequestThatCannotBeReadReachesTheDeadLetterTopicWithItsOriginalBytes() {
        String key = UUID.randomUUID().toString();
        byte[] poison = "{\"not\": \"a run request\"}".getBytes(StandardCharsets.UTF_8);

        DeadLetters.publishRaw(Topics.RUN_REQUESTED, key, poison);

        assertThat(DeadLetters.read(Topics.RUN_REQUESTED + ".dlq", r -> key.equals(r.key()), WAIT)).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(poison);
            assertThat(header(r, "dead-letter-reason")).isNotBlank();
        });
    }

    @Test
    void aRunRequestWhosePlanningFailureCannotBeReportedReachesTheDeadLetterTopicAsTheRequest() throws Exception {
        Instant now = Instant.now();
        RunRequestedV1 request = new RunRequestedV1(UUID.randomUUID(), Tasks.DAILY, now, false, RunTrigger.MANUAL,
                null, "alice", "test", now);
        PolicyDouble.failWith(503);

        // planning fails for good and the broker refuses the PLANNING_FAILED heartbeat too
        try (AutoCloseable refused = DeadLetters.refuseRecordsOn(Topics.RUN_HEARTBEATS)) {
            Topic.publish(Topics.RUN_REQUESTED, request.runId().toString(), request, CloudEventAttributes.of(
                    EventType.RUN_REQUESTED, UUID.randomUUID().toString(), "/test", request.runId().toString(),
                    now));

            List<ConsumerRecord<String, byte[]>> dead = DeadLetters.read(Topics.RUN_REQUESTED + ".dlq",
                    r -> request.runId().toString().equals(r.key()), WAIT);

            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.value()).as("the dead request's value").isNotNull();
                assertThat(EventJson.fromJson(r.value(), RunRequestedV1.class)).isEqualTo(request);
                assertThat(header(r, "dead-letter-reason")).isNotBlank();
            });
        }
    }

    @Test
    void aVolumeTaskThatCannotBeReadReachesTheDeadLetterTopicWithItsOriginalBytes() {
        String key = "poison-" + UUID.randomUUID();
        byte[] poison = "not json at all".getBytes(StandardCharsets.UTF_8);

        DeadLetters.publishRaw(Topics.VOLUME_TASKS, key, poison);

        assertThat(DeadLetters.read(Topics.VOLUME_TASKS + ".dlq", r -> key.equals(r.key()), WAIT)).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(poison));
    }

    @Test
    void aVolumeTaskWhoseResultsTheBrokerRefusesReachesTheDeadLetterTopicAsTheTask() throws Exception {
        VolumeTaskV1 task = Tasks.task().volume(VOL, "data", 1, "available", P, "epsilon", null, null).build();
        long publishedFrom = System.currentTimeMillis();

        try (AutoCloseable refused = DeadLetters.refuseRecordsOn(Topics.VOLUME_RESULTS)) {
            Topic.publish(Topics.VOLUME_TASKS, task.projectId(), task, CloudEventAttributes.of(EventType.VOLUME_TASK,
                    task.taskId().toString(), "/test", task.projectId(), Instant.now()));

            List<ConsumerRecord<String, byte[]>> dead = DeadLetters.read(Topics.VOLUME_TASKS + ".dlq",
                    r -> task.projectId().equals(r.key()) && r.timestamp() >= publishedFrom, WAIT);

            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.value()).as("the dead task's value").isNotNull();
                assertThat(EventJson.fromJson(r.value(), VolumeTaskV1.class)).isEqualTo(task);
            });
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
