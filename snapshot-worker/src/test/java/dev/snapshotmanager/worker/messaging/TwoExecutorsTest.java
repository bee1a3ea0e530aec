package dev.snapshotmanager.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.testsupport.TestKafka;
import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.service.RunHeartbeats;
import dev.snapshotmanager.worker.service.TaskExecution;
import dev.snapshotmanager.worker.service.VolumeExecution;
import dev.snapshotmanager.worker.service.WorkerMetrics;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.Tasks;
import dev.snapshotmanager.worker.support.TestCloud;
import dev.snapshotmanager.worker.support.Topic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two executor instances in the executors' consumer group share the volume tasks of one run: this application and a
 * second instance wired from the same classes ({@link TaskExecution} with its own pool) behind a plain
 * {@link KafkaConsumer} in the group {@code snapshot-worker-executors}. Every volume is done exactly once.
 */
@QuarkusTest
class TwoExecutorsTest {

    static final String GROUP = "snapshot-worker-executors";
    static final int PARTITIONS = 3;

    @Inject
    VolumeExecution volumes;

    @Inject
    EventPublisher publisher;

    @Inject
    WorkerConfig config;

    @Inject
    WorkerMetrics metrics;

    @Inject
    RunHeartbeats heartbeats;

    /** The second instance: consumes in the executors' group, executes and commits each task when it is done. */
    final class SecondInstance implements AutoCloseable {

        final KafkaConsumer<String, byte[]> consumer;
        final TaskExecution execution = new TaskExecution(volumes, publisher, config, metrics, heartbeats);
        final Map<UUID, UUID> tasksOfRun = new ConcurrentHashMap<>();
        final Thread loop;
        volatile Set<TopicPartition> assigned = Set.of();
        private final UUID runId;

        SecondInstance(UUID runId) {
            this.runId = runId;
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(Topics.VOLUME_TASKS));
            loop = new Thread(this::run, "second-executor");
            loop.start();
        }

        private void run() {
            try {
                while (true) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        execute(r);
                        consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()),
                                new OffsetAndMetadata(r.offset() + 1)));
                    }
                    assigned = Set.copyOf(consumer.assignment());
                }
            } catch (WakeupException closing) {
                // closed by the test
            } finally {
                consumer.close();
            }
        }

        private void execute(ConsumerRecord<String, byte[]> r) {
            VolumeTaskV1 task;
            try {
                task = EventJson.fromJson(r.value(), VolumeTaskV1.class);
            } catch (RuntimeException unreadable) {
                return; // another test's poison message
            }
            execution.execute(task);
            if (task.runId().equals(runId) && tasksOfRun.put(task.taskId(), task.taskId()) != null) {
                throw new AssertionError("task " + task.taskId() + " executed twice by the second instance");
            }
        }

        @Override
        public void close() throws InterruptedException {
            consumer.wakeup();
            loop.join(30_000);
        }
    }

    /** Project ids whose tasks (keyed by project) land on every partition of the tasks topic, two per partition. */
    private static List<String> projectsOnEveryPartition() {
        List<String> projects = new ArrayList<>();
        int[] perPartition = new int[PARTITIONS];
        for (int i = 0; projects.size() < 2 * PARTITIONS; i++) {
            String id = String.format("a%031x", i);
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (perPartition[partition] < 2) {
                perPartition[partition]++;
                projects.add(id);
            }
        }
        return projects;
    }

    @Test
    void twoInstancesShareTheTasksOfARunAndDoEveryVolumeExactlyOnce() throws InterruptedException {
        List<String> projects = projectsOnEveryPartition();
        Clouds cloud = Clouds.cloud();
        List<VolumeTaskV1> tasks = new ArrayList<>();
        UUID runId = UUID.randomUUID();
        for (int p = 0; p < projects.size(); p++) {
            String project = projects.get(p);
            cloud.project(project, "split-" + p);
            Tasks task = Tasks.task().run(runId);
            for (int v = 0; v < 2; v++) {
                String volume = String.format("60000000-0000-4000-8000-%012d", p * 10 + v);
                cloud.volume(volume, "vol-" + p + "-" + v, project, 1);
                task.volume(volume, "vol-" + p + "-" + v, 1, "available", project, "split-" + p, null, null);
            }
            tasks.add(task.build());
        }
        cloud.load();
        Set<String> allVolumes = tasks.stream().flatMap(t -> t.volumes().stream()).map(v -> v.volume().id())
                .collect(Collectors.toSet());

        try (SecondInstance second = new SecondInstance(runId)) {
            // The group rebalanced: the second instance owns some partitions, this application the others.
            await().atMost(Duration.ofSeconds(60)).until(() -> !second.assigned.isEmpty()
                    && second.assigned.size() < PARTITIONS);
            tasks.forEach(t -> Topic.publish(Topics.VOLUME_TASKS, t.projectId(), t, CloudEventAttributes.of(
                    EventType.VOLUME_TASK, t.taskId().toString(), "/test", t.projectId(), Instant.now())));

            List<VolumeResultV1> results = Tasks.results(runId, allVolumes.size(), Duration.ofSeconds(60));

            assertThat(results).extracting(VolumeResultV1::action).containsOnly(VolumeAction.CREATED);
            Map<String, Set<String>> eventIdsByVolume = results.stream().collect(Collectors.groupingBy(
                    r -> r.volume().id(), Collectors.mapping(VolumeResultV1::eventId, Collectors.toSet())));
            assertThat(eventIdsByVolume).containsOnlyKeys(allVolumes)
                    .allSatisfy((volume, ids) -> assertThat(ids).hasSize(1));
            assertThat(second.tasksOfRun).isNotEmpty().hasSizeLessThan(tasks.size());
        }
        allVolumes.forEach(volume -> assertThat(TestCloud.snapshots(volume)).as(volume).hasSize(1));
    }
}
