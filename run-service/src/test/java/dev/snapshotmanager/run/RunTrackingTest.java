package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.run.service.PolicyProjection;
import dev.snapshotmanager.run.service.StaleRunSweeper;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RunTrackingTest {

    static final String ADMIN = TestTokens.forRole("alice", "admin");

    @Inject
    PolicyProjection projection;

    @Inject
    StaleRunSweeper sweeper;

    @Inject
    TestClock clock;

    @Inject
    dev.snapshotmanager.run.service.RunTracker tracker;

    @Inject
    javax.sql.DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    UUID requestRun() {
        Fixtures.PolicySet set = Fixtures.policySet();
        projection.apply(set.event());
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Fixtures.runRequest(set, false))
                .when().post("/api/v1/runs").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    static JsonPath run(UUID id) {
        return given().auth().oauth2(ADMIN).when().get("/api/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitStatus(UUID id, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(run(id).getString("status")));
        return run(id);
    }

    static void sendResult(VolumeResultV1 result) {
        KafkaProbe.send(Topics.VOLUME_RESULTS, result.volume().id(), result);
    }

    static RunLifecycleV1 awaitLifecycle(UUID id, LifecycleEvent event) {
        var record = KafkaProbe.await(Topics.RUN_LIFECYCLE, r -> id.toString().equals(r.key())
                && EventJson.fromJson(r.value(), RunLifecycleV1.class).event() == event, Duration.ofSeconds(30));
        return EventJson.fromJson(record.value(), RunLifecycleV1.class);
    }

    @Test
    void runsToCompletionCountingDuplicateResultsOnce() {
        UUID id = requestRun();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 2, 2, 1));
        awaitStatus(id, "RUNNING");
        VolumeResultV1 first = Fixtures.result(id, "v1", VolumeAction.CREATED);
        sendResult(first);
        sendResult(first);
        sendResult(Fixtures.result(id, "v2", VolumeAction.CREATED));
        JsonPath done = awaitStatus(id, "COMPLETED");
        assertThat(done.getInt("counters.created")).isEqualTo(2);
        assertThat(done.getInt("counters.totalVolumes")).isEqualTo(2);
        assertThat(done.getInt("progressPercent")).isEqualTo(100);
        assertThat(done.getString("finishedAt")).isNotNull();
        RunLifecycleV1 completed = awaitLifecycle(id, LifecycleEvent.COMPLETED);
        assertThat(completed.counters().created()).isEqualTo(2);
        assertThat(completed.durationMs()).isNotNull();
        awaitLifecycle(id, LifecycleEvent.STARTED);
    }

    @Test
    void resultsArrivingBeforeThePlanAreCountedOnceAndTheRunFinishes() {
        UUID id = requestRun();
        sendResult(Fixtures.result(id, "a", VolumeAction.FAILED));
        sendResult(Fixtures.result(id, "a", VolumeAction.FAILED));
        awaitStatus(id, "PLANNING");
        sendResult(Fixtures.result(id, "b", VolumeAction.CREATED));
        await().atMost(Duration.ofSeconds(30)).until(() -> run(id).getInt("counters.created") == 1);
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 2, 2, 1));
        JsonPath done = awaitStatus(id, "PARTIAL");
        assertThat(done.getInt("counters.failed")).isEqualTo(1);
        assertThat(done.getString("errorSummary")).contains("cinder said no");
    }

    static void awaitCounters(UUID id, int created, int failed) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath run = run(id);
            return run.getInt("counters.created") == created && run.getInt("counters.failed") == failed;
        });
    }

    @Test
    void aLaterOutcomeOfTheSameVolumeReplacesTheEarlierOneInsteadOfFinishingTheRun() {
        UUID id = requestRun();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 2, 2, 1));
        awaitStatus(id, "RUNNING");
        Instant t = Instant.now();
        sendResult(Fixtures.snapshotResult(id, "v1", VolumeAction.FAILED, t));
        awaitCounters(id, 0, 1);
        sendResult(Fixtures.snapshotResult(id, "v1", VolumeAction.CREATED, t.plusSeconds(30)));
        awaitCounters(id, 1, 0);
        JsonPath running = run(id);
        assertThat(running.getString("status")).isEqualTo("RUNNING");
        assertThat(running.getInt("progressPercent")).isEqualTo(50);
        sendResult(Fixtures.result(id, "v2", VolumeAction.CREATED));
        JsonPath done = awaitStatus(id, "COMPLETED");
        assertThat(done.getInt("counters.created")).isEqualTo(2);
        assertThat(done.getInt("counters.failed")).isEqualTo(0);
        assertThat(awaitLifecycle(id, LifecycleEvent.COMPLETED).counters().created()).isEqualTo(2);
    }

    @Test
    void anOlderOutcomeArrivingAfterANewerOneOfTheSameVolumeChangesNoCounter() {
        UUID id = requestRun();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 2, 2, 1));
        awaitStatus(id, "RUNNING");
        Instant t = Instant.now();
        sendResult(Fixtures.snapshotResult(id, "v1", VolumeAction.CREATED, t.plusSeconds(30)));
        sendResult(Fixtures.snapshotResult(id, "v1", VolumeAction.FAILED, t));
        // a marker on the same key (volume v1) behind the older outcome: once it is counted, so is the older one
        sendResult(Fixtures.result(id, "v1", VolumeAction.DELETED));
        await().atMost(Duration.ofSeconds(30)).until(() -> run(id).getInt("counters.deleted") == 1);
        JsonPath running = run(id);
        assertThat(running.getString("status")).isEqualTo("RUNNING");
        assertThat(running.getInt("counters.created")).isEqualTo(1);
        assertThat(running.getInt("counters.failed")).isEqualTo(0);
        assertThat(running.getInt("progressPercent")).isEqualTo(50);
        sendResult(Fixtures.result(id, "v2", VolumeAction.CREATED));
        JsonPath done = awaitStatus(id, "COMPLETED");
        assertThat(done.getInt("counters.created")).isEqualTo(2);
        assertThat(done.getInt("counters.failed")).isEqualTo(0);
    }

    @Test
    void anOutcomeDatedAheadOfThisServicesClockDoesNotHideTheVolumesLaterOutcome() {
        UUID id = requestRun();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 2, 2, 1));
        awaitStatus(id, "RUNNING");
        // a worker whose clock runs two days ahead reports the snapshot stuck in creating ...
        sendResult(Fixtures.snapshotResult(id, "v1", VolumeAction.FAILED, Instant.now().plus(Duration.ofDays(2))));
        awaitCounters(id, 0, 1);
        // ... and one with a right clock completes it after the redelivery: the later outcome counts
        sendResult(Fixtures.snapshotResult(id, "v1", VolumeAction.CREATED, Instant.now()));
        awaitCounters(id, 1, 0);
        sendResult(Fixtures.result(id, "v2", VolumeAction.CREATED));
        JsonPath done = awaitStatus(id, "COMPLETED");
        assertThat(done.getInt("counters.created")).isEqualTo(2);
        assertThat(done.getInt("counters.failed")).isEqualTo(0);
    }

    @Test
    void aPlanWithImpossibleTotalsGoesToTheDeadLetterTopicAndTheRunGoesOn() {
        UUID id = requestRun();
        // a count no planner can send: applied, it ended the run SKIPPED ("nothing to do") at once, and the workers
        // then skipped its volumes as RUN_FINISHED
        RunPlannedV1 impossible = new RunPlannedV1(id, null, Instant.now(), false, -1, 0, -1, 0, 1, 1, Instant.now());
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), impossible);
        KafkaProbe.await(Topics.deadLetter(Topics.RUN_PLANNED), r -> id.toString().equals(r.key()),
                Duration.ofSeconds(30));
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 1, 1, 1));
        awaitStatus(id, "RUNNING");
        sendResult(Fixtures.result(id, "v1", VolumeAction.CREATED));
        assertThat(awaitStatus(id, "COMPLETED").getInt("counters.totalVolumes")).isEqualTo(1);
    }

    @Test
    void aRunWithNothingPlannedIsSkipped() {
        UUID id = requestRun();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 0, 0, 0));
        assertThat(awaitStatus(id, "SKIPPED").getString("statusReason")).isEqualTo("nothing to do");
        awaitLifecycle(id, LifecycleEvent.SKIPPED);
    }

    long progressEventsInOutbox(UUID id) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT count(*) FROM outbox_event "
                + "WHERE message_key = ? AND topic = ? AND payload LIKE '%\"event\":\"PROGRESS\"%'")) {
            ps.setString(1, id.toString());
            ps.setString(2, Topics.RUN_LIFECYCLE);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void progressEventsAreThrottledToOneASecondPerRun() throws Exception {
        UUID id = requestRun();
        tracker.planned(Fixtures.planned(id, 10, 10, 2));
        // whole milliseconds: the database keeps microseconds, a nanosecond instant would be rounded
        java.time.Instant t = java.time.Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        clock.set(t);
        tracker.result(Fixtures.result(id, "v1", VolumeAction.CREATED));
        tracker.result(Fixtures.result(id, "v2", VolumeAction.CREATED));
        clock.set(t.plusMillis(900));
        tracker.result(Fixtures.result(id, "v3", VolumeAction.CREATED));
        assertThat(progressEventsInOutbox(id)).isEqualTo(1);
        clock.set(t.plusMillis(1000));
        tracker.result(Fixtures.result(id, "v4", VolumeAction.CREATED));
        assertThat(progressEventsInOutbox(id)).isEqualTo(2);
        assertThat(run(id).getInt("counters.created")).isEqualTo(4);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        UUID id = requestRun();
        byte[] garbage = ("garbage-" + id).getBytes(StandardCharsets.UTF_8);
        KafkaProbe.sendBytes(Topics.VOLUME_RESULTS, "poison", garbage);
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 1, 1, 1));
        sendResult(Fixtures.result(id, "v1", VolumeAction.CREATED));
        awaitStatus(id, "COMPLETED");
        KafkaProbe.await(Topics.deadLetter(Topics.VOLUME_RESULTS),
                r -> r.value() != null && Arrays.equals(r.value(), garbage), Duration.ofSeconds(30));
    }

    @Test
    void aResultTooLargeForAnIndexGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        UUID id = requestRun();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 1, 1, 1));
        awaitStatus(id, "RUNNING");
        // a volume id beyond PostgreSQL's largest index row (2704 bytes; random, so that it does not compress): its
        // outcome cannot be stored (54000), however often it is tried
        byte[] random = new byte[6000];
        new java.util.Random(42).nextBytes(random);
        String huge = "vol-" + java.util.Base64.getEncoder().encodeToString(random);
        String key = "same-partition-" + id;
        KafkaProbe.send(Topics.VOLUME_RESULTS, key, Fixtures.result(id, huge, VolumeAction.CREATED));
        KafkaProbe.send(Topics.VOLUME_RESULTS, key, Fixtures.result(id, "v1", VolumeAction.CREATED));
        JsonPath done = awaitStatus(id, "COMPLETED");
        assertThat(done.getInt("counters.created")).isEqualTo(1);
        KafkaProbe.await(Topics.deadLetter(Topics.VOLUME_RESULTS), r -> key.equals(r.key()), Duration.ofSeconds(30));
    }

    @Test
    void aReadableResultThatCannotBeCountedReachesTheDeadLetterTopicAsItWas() throws Exception {
        UUID id = requestRun();
        VolumeResultV1 valid = Fixtures.result(id, "v1", VolumeAction.CREATED);
        // readable (the schema's required volume is there, as JSON null), but there is no volume to count it for
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                EventJson.mapper().readTree(EventJson.toBytes(valid));
        json.putNull("volume");
        String key = "no-volume-" + id;
        KafkaProbe.sendBytes(Topics.VOLUME_RESULTS, key, EventJson.mapper().writeValueAsBytes(json));
        var dead = KafkaProbe.await(Topics.deadLetter(Topics.VOLUME_RESULTS), r -> key.equals(r.key()),
                Duration.ofSeconds(30));
        assertThat(dead.value()).as("the dead letter's value").isNotNull();
        var lettered = EventJson.mapper().readTree(dead.value());
        assertThat(lettered.path("eventId").asText()).isEqualTo(valid.eventId());
        assertThat(lettered.path("runId").asText()).isEqualTo(id.toString());
    }

    @Test
    void aRunWhoseWorkerStoppedReportingFailsAsWorkerLost() {
        UUID id = requestRun();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 3, 3, 1));
        awaitStatus(id, "RUNNING");
        clock.set(java.time.Instant.now().plus(Duration.ofMinutes(29)));
        sweeper.sweep(clock.instant());
        assertThat(run(id).getString("status")).isEqualTo("RUNNING");
        clock.set(java.time.Instant.now().plus(Duration.ofMinutes(31)));
        assertThat(sweeper.sweep(clock.instant())).isGreaterThanOrEqualTo(1);
        JsonPath failed = run(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("statusReason")).startsWith("WORKER_LOST");
        assertThat(awaitLifecycle(id, LifecycleEvent.FAILED).reason()).contains("worker lost");
    }
}
