package dev.snapshotmanager.audit.messaging;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.fixtures.DeadLetters;
import dev.snapshotmanager.audit.fixtures.RecordRows;
import dev.snapshotmanager.audit.fixtures.ResultPublisher;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.testsupport.TestKafka;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VolumeResultIngestTest {

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    RecordRows rows;
    ResultPublisher publisher;

    @BeforeEach
    void setUp() {
        rows = new RecordRows(dataSource);
        publisher = new ResultPublisher();
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void storesEveryFieldOfAResult() {
        VolumeResultV1 result = aResult().action(VolumeAction.QUOTA_BLOCKED).reason("QUOTA_GIGABYTES")
                .error("no room").volume("vol-fields", "db \"main\", disk").at("2026-11-20T10:15:30.123456Z").build();

        publisher.publishAndFlush(result);
        rows.awaitRun(result.runId(), 1);

        assertThat(rows.count("run_id = ? AND event_id = ? AND action = 'QUOTA_BLOCKED' AND reason = 'QUOTA_GIGABYTES'"
                + " AND error = 'no room' AND volume_name = 'db \"main\", disk' AND project_id = 'project-a'"
                + " AND policy_name = 'daily_5' AND retention_keep_last = 5 AND duration_ms = 1234 AND NOT dry_run"
                + " AND occurred_at = '2026-11-20T10:15:30.123456Z' AND server_name = 'web-1'",
                result.runId(), result.eventId())).isEqualTo(1);
    }

    @Test
    void storesTextExactlyWhateverCharactersItHolds() {
        String name = "line 1\nline 2\r\n\"quoted\", semi;colon \\N back\\slash\ttab, \u00e9\u6f22 \uD83D\uDCBE";
        VolumeResultV1 result = aResult().volume("vol-text", name).reason("").error(null)
                .server(",", "\\.").build(); // a lone \. ends COPY data

        publisher.publishAndFlush(result);
        rows.awaitRun(result.runId(), 1);

        assertThat(rows.count("run_id = ? AND volume_name = ? AND reason = '' AND error IS NULL AND server_id = ','"
                + " AND server_name = '\\.'", result.runId(), name)).isEqualTo(1);
    }

    @Test
    void measuresThePollsItStores() {
        DistributionSummary polls = registry.summary("audit.ingest.batch.size");
        long pollsBefore = polls.count();
        double resultsBefore = polls.totalAmount();
        UUID run = UUID.randomUUID();

        publisher.publishAndFlush(aResult().run(run).volume("vol-poll-1", "p1").build(),
                aResult().run(run).volume("vol-poll-2", "p2").build(),
                aResult().run(run).volume("vol-poll-3", "p3").build());
        rows.awaitRun(run, 3);

        assertThat(polls.count()).as("polls consumed").isGreaterThan(pollsBefore);
        assertThat(polls.totalAmount() - resultsBefore).as("results in those polls").isGreaterThanOrEqualTo(3);
        assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("audit_ingest_batch_size_count", "audit_ingest_batch_size_max");
    }

    @Test
    void commitsTheOffsetOfAResultOnceTheComplianceStateHoldsIt() throws Exception {
        // the offset is committed after the fold of the result is merged: a result whose fold was lost is consumed again
        VolumeResultV1 result = aResult().action(VolumeAction.CREATED).volume("vol-commit-" + UUID.randomUUID(), "c")
                .build();
        RecordMetadata sent = publisher.publishAndWait(result);
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> committedOffset(admin, partition) > sent.offset());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM volume_policy_state WHERE volume_id = ? AND last_attempt_action = 'CREATED'")) {
            s.setString(1, result.volume().id());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).as("the compliance state of the committed result").isEqualTo(1);
            }
        }
    }

    private static long committedOffset(Admin admin, TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets("audit-service").partitionsToOffsetAndMetadata()
                .get().get(partition);
        return committed == null ? -1 : committed.offset();
    }

    @Test
    void storesDuplicatesAndRedeliveriesOnce() {
        UUID run = UUID.randomUUID();
        VolumeResultV1 first = aResult().run(run).volume("vol-dup", "dup").at("2026-11-28T23:59:59Z").build();
        // The worker repeated the action after a crash: same event id, later time, in the next month.
        VolumeResultV1 repeated = aResult().run(run).volume("vol-dup", "dup").eventId(first.eventId())
                .at("2026-12-01T00:00:05Z").build();
        VolumeResultV1 other = aResult().run(run).volume("vol-other", "other").build();

        publisher.publishAndFlush(first, first, repeated);
        publisher.publishAndFlush(first, other);
        rows.awaitRun(run, 2);

        assertThat(rows.count("run_id = ? AND event_id = ?", run, first.eventId())).isEqualTo(1);
        assertThat(rows.count("run_id = ? AND event_id = ? AND occurred_at = '2026-11-28T23:59:59Z'",
                run, first.eventId())).isEqualTo(1);
        assertThat(rows.countOfRun(run)).isEqualTo(2);
    }

    @Test
    void deadLettersPoisonMessagesAndStoresTheRestOfTheirBatch() {
        UUID run = UUID.randomUUID();
        VolumeResultV1 before = aResult().run(run).volume("vol-before", "before").build();
        VolumeResultV1 refusedByTheDatabase = aResult().run(run).volume("vol-nul", "bad\u0000name").build();
        VolumeResultV1 after = aResult().run(run).volume("vol-after", "after").build();
        String poisonKey = "poison-" + run;
        try (KafkaConsumer<String, String> deadLetters = DeadLetters.of(Topics.VOLUME_RESULTS)) {
            publisher.publish(before);
            publisher.publishRaw(poisonKey, "{not json".getBytes(StandardCharsets.UTF_8));
            publisher.publish(refusedByTheDatabase, after);
            publisher.flush();

            rows.awaitRun(run, 2);
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().filter(r -> r.key().equals(poisonKey) || r.key().equals("vol-nul")).count() == 2;
            });

            assertThat(rows.countOfRun(run)).isEqualTo(2);
            assertThat(received).filteredOn(r -> r.key().equals(poisonKey)).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo("{not json"));
            assertThat(received).filteredOn(r -> r.key().equals("vol-nul")).singleElement()
                    .satisfies(r -> assertThat(EventJson.fromJson(r.value(), VolumeResultV1.class).eventId())
                            .isEqualTo(refusedByTheDatabase.eventId()));
        }
    }

    @Test
    void deadLettersResultsDatedWhereNoResultCanBe() {
        UUID run = UUID.randomUUID();
        List<String> impossible = List.of("vol-ahead-" + run, "vol-far-" + run, "vol-1969-" + run);
        String fine = "vol-fine-" + run;
        try (KafkaConsumer<String, String> deadLetters = DeadLetters.of(Topics.VOLUME_RESULTS)) {
            publisher.publishAndFlush(
                    // a clock two days ahead: stored, it would pin the volume's compliance state in the future
                    aResult().run(run).volume(impossible.get(0), "ahead").at(Instant.now().plus(Duration.ofDays(2))).build(),
                    // the microseconds since 1970 of the year 1,000,000,000 do not fit in 64 bits
                    aResult().run(run).volume(impossible.get(1), "far").at("+1000000000-01-01T00:00:00Z").build(),
                    aResult().run(run).volume(fine, "fine").at(Instant.now().plusSeconds(60)).build(),
                    // the builder's slot is a minute before the result: 1969
                    aResult().run(run).volume(impossible.get(2), "1969").at("1970-01-01T00:00:30Z").build());

            rows.awaitRun(run, 1);
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().map(ConsumerRecord::key).filter(impossible::contains).distinct().count() == 3;
            });

            assertThat(rows.countOfRun(run)).isEqualTo(1);
            assertThat(rows.count("run_id = ? AND volume_id = ?", run, fine)).isEqualTo(1);
            assertThat(received).extracting(ConsumerRecord::key).doesNotContain(fine);
        }
    }

    @Test
    void createsThePartitionAnOldResultNeeds() {
        VolumeResultV1 old = aResult().at("2023-02-14T08:00:00Z").build();

        publisher.publishAndFlush(old);
        rows.awaitRun(old.runId(), 1);

        assertThat(rows.tableExists("snapshot_record_2023_02")).isTrue();
    }

    @Test
    void keepsPartitionsReadyForTheComingMonths() {
        java.time.YearMonth ahead = java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(3);

        assertThat(rows.tableExists("snapshot_record_" + ahead.toString().replace('-', '_'))).isTrue();
    }


}
