package dev.snapshotmanager.audit.messaging;

import static dev.snapshotmanager.audit.fixtures.ResolutionBuilder.aResolution;
import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.fixtures.DeadLetters;
import dev.snapshotmanager.audit.fixtures.EventPublisher;
import dev.snapshotmanager.audit.fixtures.Inventory;
import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.audit.fixtures.RecordRows;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.testsupport.DatabaseOutage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage is not poison: what arrives while the database is away is stored when it is back, by every
 * consumer, and nothing goes to a dead-letter topic.
 */
@QuarkusTest
class DatabaseOutageTest {

    /** Events that must be consumed in order go to one partition. */
    private static final int ONE_PARTITION = 0;

    /** The test database of this module (see {@code RealServers}). */
    private static final String DATABASE = "audit";

    private static final List<String> CONSUMED = List.of(Topics.VOLUME_RESULTS, Topics.POLICY_CHANGED,
            Topics.VOLUME_INVENTORY, Topics.VOLUME_POLICIES);

    /** The consumers' names in {@code snapshot_database_retries_total{work}}. */
    private static final List<String> WORKS = List.of("volume-results", "policy-changed", "volume-inventory",
            "volume-policies");

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void whatArrivesDuringAnOutageIsStoredAfterItAndNothingIsDeadLettered() throws Exception {
        String project = Records.uniqueProject();
        UUID run = UUID.randomUUID();
        UUID set = UUID.randomUUID();
        String volume = "outage-" + project;
        List<KafkaConsumer<String, String>> deadLetters = CONSUMED.stream().map(DeadLetters::of).toList();
        Map<String, Double> before = retries();
        try (EventPublisher events = new EventPublisher()) {
            try (DatabaseOutage outage = DatabaseOutage.of(DATABASE)) {
                for (int i = 0; i < 3; i++) {
                    VolumeResultV1 result = aResult().run(run).project(project).volume(volume + "-" + i, "v" + i)
                            .build();
                    events.publish(result);
                }
                events.publish(Inventory.tenantSet(set, project, "daily", "0 2 * * *", true));
                events.publish(Inventory.volume(volume, project, Map.of(), Instant.now()));
                events.publish(aResolution(volume, project).policy(set, "daily", "0 2 * * *", Instant.now()).build());
                awaitRetriesDuringTheOutage(before);
            }

            RecordRows rows = new RecordRows(dataSource);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(rows.countOfRun(run)).isEqualTo(3);
                assertThat(rows.countIn("policy_projection", "policy_set_id = ?", set)).isEqualTo(1);
                assertThat(rows.countIn("volume_projection", "volume_id = ?", volume)).isEqualTo(1);
                assertThat(rows.countIn("volume_resolution", "volume_id = ?", volume)).isEqualTo(1);
            });
            List<String> deadLettered = new ArrayList<>();
            for (KafkaConsumer<String, String> consumer : deadLetters) {
                for (ConsumerRecord<String, String> r : DeadLetters.readToEnd(consumer)) {
                    if (r.key() != null && (r.key().contains(project) || r.key().equals(set.toString()))) {
                        deadLettered.add(r.topic() + " " + r.key());
                    }
                }
            }
            assertThat(deadLettered).as("dead-lettered because the database was away").isEmpty();
        } finally {
            deadLetters.forEach(KafkaConsumer::close);
        }
    }

    @Test
    void aWritePostgresRefusesForItsDataIsDeadLetteredNotWaitedFor() {
        String project = Records.uniqueProject();
        String refused = "nul-" + project;
        String next = "after-nul-" + project;
        VolumeInventoryV1 withNul = new VolumeInventoryV1(refused, "name\u0000with a NUL", "in-use", 10, "ssd", false,
                Map.of(), new TenantRef("default", "Default", project, "Project " + project), null, List.of(),
                Instant.now(), Instant.now());
        double before = retries().get("volume-inventory");
        try (KafkaConsumer<String, String> deadLetters = DeadLetters.of(Topics.VOLUME_INVENTORY);
                EventPublisher events = new EventPublisher()) {
            events.publish(withNul, ONE_PARTITION);
            events.publish(Inventory.volume(next, project, Map.of(), Instant.now()), ONE_PARTITION);

            RecordRows rows = new RecordRows(dataSource);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    rows.countIn("volume_projection", "volume_id = ?", next) == 1);
            List<String> keys = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                return keys.contains(refused);
            });
        }
        assertThat(retries().get("volume-inventory")).as("a data error is not taken for database trouble").isEqualTo(before);
    }

    /** Every consumer has tried to write and been refused, so the outage really met each of them. */
    private void awaitRetriesDuringTheOutage(Map<String, Double> before) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(retries()).allSatisfy((work, count) ->
                        assertThat(count).as("repetitions of " + work).isGreaterThan(before.get(work))));
    }

    /** {@code snapshot_database_retries_total} per consumer (0 before its first database call). */
    private Map<String, Double> retries() {
        Map<String, Double> counts = new TreeMap<>();
        for (String work : WORKS) {
            Counter counter = registry.find("snapshot.database.retries").tag("work", work).counter();
            counts.put(work, counter == null ? 0 : counter.count());
        }
        return counts;
    }
}
