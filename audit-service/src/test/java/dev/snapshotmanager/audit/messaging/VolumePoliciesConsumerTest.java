package dev.snapshotmanager.audit.messaging;

import static dev.snapshotmanager.audit.fixtures.ResolutionBuilder.aResolution;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.fixtures.DeadLetters;
import dev.snapshotmanager.audit.fixtures.EventPublisher;
import dev.snapshotmanager.audit.fixtures.Inventory;
import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumePoliciesV1;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The volume_resolution projection, fed by snapshot.volume-policies.v1 on the real broker. */
@QuarkusTest
class VolumePoliciesConsumerTest {

    /** Events of different volumes that must be consumed in order go to one partition. */
    private static final int ONE_PARTITION = 0;

    @Inject
    DataSource dataSource;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** A row of volume_resolution: decided_by and resolved_at. */
    private record Row(String decidedBy, Instant resolvedAt) {
    }

    @Test
    void ignoresAResolutionOlderThanTheStoredOne() throws SQLException {
        String project = Records.uniqueProject();
        String volume = "ordered-" + project;
        String marker = "marker-" + project;
        Instant newer = now.minus(Duration.ofMinutes(1));
        try (EventPublisher events = new EventPublisher()) {
            events.publish(aResolution(volume, project).policy(UUID.randomUUID(), "daily", "0 2 * * *", now)
                    .resolvedAt(newer).build(), ONE_PARTITION);
            events.publish(aResolution(volume, project).decidedBy(ResolutionStep.EXCLUSION)
                    .resolvedAt(newer.minusSeconds(30)).build(), ONE_PARTITION);
            events.publish(VolumePoliciesV1.removed(volume, newer.minusSeconds(10)), ONE_PARTITION);
            events.publish(aResolution(marker, project).build(), ONE_PARTITION);
        }

        awaitRow(marker);

        assertThat(row(volume)).contains(new Row("RULE", newer));
    }

    @Test
    void removalAndTombstoneDeleteTheResolutionAndTheVolumeFallsBackToInference() {
        String project = Records.uniqueProject();
        String volume = "leaving-" + project;
        try (EventPublisher events = new EventPublisher()) {
            events.publish(Inventory.volume(volume, project, Map.of("auto_snapshot", "false"), now.minus(Duration.ofDays(9))));
            events.publish(aResolution(volume, project).policy(UUID.randomUUID(), "daily", "0 2 * * *", now)
                    .resolvedAt(now.minusSeconds(60)).build());
            assertThat(awaitSource(project, "RULE")).isEqualTo("PENDING");

            events.publish(VolumePoliciesV1.removed(volume, now.minusSeconds(30)));
            awaitNoRow(volume);
            // Fallback: the metadata opt-out, as before policy-service's first pass.
            assertThat(awaitSource(project, "METADATA")).isEqualTo("EXCLUDED");

            events.publish(aResolution(volume, project).policy(UUID.randomUUID(), "daily", "0 2 * * *", now)
                    .resolvedAt(now).build());
            awaitRow(volume);
            events.tombstone(Topics.VOLUME_POLICIES, volume);
            awaitNoRow(volume);
            assertThat(awaitSource(project, "METADATA")).isEqualTo("EXCLUDED");
        }
    }

    @Test
    void deadLettersPoisonResolutionsAndGoesOn() throws SQLException {
        String project = Records.uniqueProject();
        String unreadable = "unreadable-" + project;
        String withoutProject = "no-project-" + project;
        String fine = "fine-" + project;
        // filed under another volume's key: compaction and that volume's tombstone would act on the wrong row
        String misfiled = "misfiled-" + project;
        String otherKey = "other-" + project;
        try (KafkaConsumer<String, String> deadLetters = DeadLetters.of(Topics.VOLUME_POLICIES);
                EventPublisher events = new EventPublisher()) {
            events.publishRaw(Topics.VOLUME_POLICIES, ONE_PARTITION, unreadable,
                    "{\"volumeId\": 42".getBytes(StandardCharsets.UTF_8));
            events.publish(new VolumePoliciesV1(withoutProject, false, null, ResolutionStep.RULE, null, null, List.of(),
                    now), ONE_PARTITION);
            events.publishRaw(Topics.VOLUME_POLICIES, ONE_PARTITION, otherKey,
                    EventJson.toBytes(aResolution(misfiled, project).build()));
            events.publish(aResolution(fine, project).build(), ONE_PARTITION);

            awaitRow(fine);
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().filter(r -> r.key().equals(unreadable) || r.key().equals(withoutProject)
                        || r.key().equals(otherKey)).count() == 3;
            });

            assertThat(received).filteredOn(r -> r.key().equals(unreadable)).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo("{\"volumeId\": 42"));
            assertThat(received).filteredOn(r -> r.key().equals(withoutProject)).singleElement()
                    .satisfies(r -> assertThat(EventJson.fromJson(r.value(), VolumePoliciesV1.class).volumeId())
                            .isEqualTo(withoutProject));
            assertThat(row(withoutProject)).isEmpty();
            assertThat(received).filteredOn(r -> r.key().equals(otherKey)).singleElement()
                    .satisfies(r -> assertThat(EventJson.fromJson(r.value(), VolumePoliciesV1.class).volumeId())
                            .isEqualTo(misfiled));
            assertThat(row(misfiled)).isEmpty();
            assertThat(row(otherKey)).isEmpty();
        }
    }

    /** Waits until the project's only compliance entry has the given source; returns its status. */
    private static String awaitSource(String project, String source) {
        String[] status = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> items = given().auth().oauth2(TestTokens.forRole("vera", "viewer"))
                    .queryParam("projectId", project).when().get("/api/v1/compliance").then().statusCode(200)
                    .extract().jsonPath().getList("items");
            if (items.size() != 1 || !source.equals(items.get(0).get("source"))) {
                return false;
            }
            status[0] = (String) items.get(0).get("status");
            return true;
        });
        return status[0];
    }

    private void awaitRow(String volumeId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> row(volumeId).isPresent());
    }

    private void awaitNoRow(String volumeId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> row(volumeId).isEmpty());
    }

    private Optional<Row> row(String volumeId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT decided_by, resolved_at FROM volume_resolution WHERE volume_id = ?")) {
            s.setString(1, volumeId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Row(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                        : Optional.empty();
            }
        }
    }

}
