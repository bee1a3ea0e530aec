package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.run.service.PolicyProjection;
import dev.snapshotmanager.testsupport.DatabaseOutage;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage loses no worker report and no policy change: what arrives while the database is away is applied
 * when it is back (before, a report was dead-lettered after three quick attempts, and its run never finished).
 */
@QuarkusTest
class DatabaseOutageTest {

    /** The test database of this module (see {@code RealServers}). */
    private static final String DATABASE = "run";

    @Inject
    MeterRegistry registry;

    @Inject
    PolicyProjection projection;

    @Test
    void aResultAndAPolicyChangeArrivingDuringAnOutageAreAppliedAfterIt() {
        Fixtures.PolicySet set = Fixtures.policySet();
        projection.apply(set.event());
        String id = given().auth().oauth2(RunTrackingTest.ADMIN).contentType(ContentType.JSON)
                .body(Fixtures.runRequest(set, false)).when().post("/api/v1/runs").then().statusCode(202)
                .extract().path("id");
        UUID run = UUID.fromString(id);
        KafkaProbe.send(Topics.RUN_PLANNED, id, Fixtures.planned(run, 1, 1, 1));
        RunTrackingTest.awaitStatus(run, "RUNNING");
        Fixtures.PolicySet renamed = Fixtures.policySet();
        renamed.id = set.id;
        renamed.version = set.version + 1;
        renamed.policyName = "renamed-during-outage";
        double resultsBefore = retries("volume-results");
        double policiesBefore = retries("policy-changed");

        try (DatabaseOutage outage = DatabaseOutage.of(DATABASE)) {
            RunTrackingTest.sendResult(Fixtures.result(run, "v1", VolumeAction.CREATED));
            KafkaProbe.send(Topics.POLICY_CHANGED, set.id.toString(), renamed.event());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    retries("volume-results") > resultsBefore && retries("policy-changed") > policiesBefore);
        }

        JsonPath done = RunTrackingTest.awaitStatus(run, "COMPLETED");
        assertThat(done.getInt("counters.created")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> dryRunStatus(renamed) == 202);
        assertThat(dryRunStatus(set)).as("the old policy name is gone").isEqualTo(422);
    }

    private static int dryRunStatus(Fixtures.PolicySet set) {
        return PolicyChangedConsumerTest.dryRunStatus(set);
    }

    /** {@code snapshot_database_retries_total{work}} (0 before the consumer's first repetition). */
    private double retries(String work) {
        Counter counter = registry.find("snapshot.database.retries").tag("work", work).counter();
        return counter == null ? 0 : counter.count();
    }
}
