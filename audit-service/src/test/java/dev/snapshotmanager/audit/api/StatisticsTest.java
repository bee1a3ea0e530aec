package dev.snapshotmanager.audit.api;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.snapshotmanager.audit.fixtures.RecordRows;
import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statistics and timelines must equal plain counts over the raw rows. */
@QuarkusTest
class StatisticsTest {

    private static final String FROM = "2026-09-01T00:00:00Z";
    private static final String TO = "2026-09-15T00:00:00Z";

    @Inject
    IngestService ingest;

    @Inject
    DataSource dataSource;

    RecordRows rows;
    String domain;
    String projectA;
    String projectB;
    UUID setId;

    @BeforeEach
    void storeRandomRecords() {
        rows = new RecordRows(dataSource);
        domain = "stats-" + UUID.randomUUID();
        projectA = Records.uniqueProject();
        projectB = Records.uniqueProject();
        setId = UUID.randomUUID();
        Random random = new Random(42);
        VolumeAction[] actions = VolumeAction.values();
        List<VolumeResultV1> results = new ArrayList<>();
        Instant start = Instant.parse("2026-08-30T00:00:00Z");
        for (int i = 0; i < 300; i++) {
            results.add(aResult().domain(domain, "Stats").project(random.nextBoolean() ? projectA : projectB)
                    .action(actions[random.nextInt(actions.length)])
                    .policy(setId, random.nextInt(3) == 0 ? "monthly_1st" : "daily_5")
                    .at(start.plusSeconds(random.nextInt(20 * 24 * 3600))).build());
        }
        Records.store(ingest, results.toArray(VolumeResultV1[]::new));
    }

    @Test
    void countsByActionTenantAndPolicyEqualRawCounts() {
        JsonPath stats = given().auth().oauth2(Tokens.viewer()).queryParam("domainId", domain)
                .queryParam("from", FROM).queryParam("to", TO).when().get("/api/v1/statistics")
                .then().statusCode(200).extract().jsonPath();

        String range = "domain_id = ? AND occurred_at >= '" + FROM + "' AND occurred_at < '" + TO + "'";
        assertThat(stats.getLong("total")).isEqualTo(rows.count(range, domain)).isPositive();
        for (VolumeAction action : VolumeAction.values()) {
            long raw = rows.count(range + " AND action = ?", domain, action.name());
            assertThat(stats.getLong("byAction." + action.name() + "")).as(action.name())
                    .isEqualTo(raw == 0 ? null : raw);
        }
        for (String project : List.of(projectA, projectB)) {
            Map<String, Object> tenant = stats.getMap("byTenant.find { it.projectId == '" + project + "' }");
            assertThat(((Number) tenant.get("total")).longValue()).isEqualTo(rows.count(range + " AND project_id = ?",
                    domain, project));
            assertThat(((Number) ((Map<?, ?>) tenant.get("byAction")).get("CREATED")).longValue())
                    .isEqualTo(rows.count(range + " AND project_id = ? AND action = 'CREATED'", domain, project));
        }
        for (String policy : List.of("daily_5", "monthly_1st")) {
            Map<String, Object> byPolicy = stats.getMap("byPolicy.find { it.policyName == '" + policy + "' }");
            assertThat(((Number) byPolicy.get("total")).longValue())
                    .isEqualTo(rows.count(range + " AND policy_name = ?", domain, policy));
            assertThat(byPolicy.get("policySetId")).isEqualTo(setId.toString());
        }
    }

    @Test
    void timelineBucketsEqualRawCounts() {
        JsonPath timeline = given().auth().oauth2(Tokens.viewer()).queryParam("domainId", domain)
                .queryParam("from", FROM).queryParam("to", TO).queryParam("bucket", "day")
                .when().get("/api/v1/timeline").then().statusCode(200).extract().jsonPath();

        List<Map<String, Object>> points = timeline.getList("points");
        assertThat(points).hasSize(14);
        for (Map<String, Object> point : points) {
            Instant start = Instant.parse((String) point.get("start"));
            String bucket = "domain_id = ? AND occurred_at >= '" + start + "' AND occurred_at < '"
                    + start.plusSeconds(86400) + "'";
            assertThat(((Number) point.get("total")).longValue()).as(start.toString()).isEqualTo(rows.count(bucket, domain));
            Map<?, ?> counts = (Map<?, ?>) point.get("counts");
            long failed = rows.count(bucket + " AND action = 'FAILED'", domain);
            assertThat(counts.get("FAILED") == null ? 0L : ((Number) counts.get("FAILED")).longValue()).isEqualTo(failed);
        }
    }

    @Test
    void bucketsByHourAndWeek() {
        given().auth().oauth2(Tokens.viewer()).queryParam("domainId", domain).queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-02").queryParam("bucket", "hour").when().get("/api/v1/timeline")
                .then().statusCode(200).body("points.size()", equalTo(24)).body("bucket", equalTo("hour"));
        JsonPath weeks = given().auth().oauth2(Tokens.viewer()).queryParam("domainId", domain)
                .queryParam("from", "2026-08-30").queryParam("to", "2026-09-21").queryParam("bucket", "week")
                .when().get("/api/v1/timeline").then().statusCode(200).extract().jsonPath();
        // 2026-08-30 is a Sunday: its ISO week starts Monday 2026-08-24.
        assertThat(weeks.getList("points.start")).containsExactly("2026-08-24T00:00:00Z", "2026-08-31T00:00:00Z",
                "2026-09-07T00:00:00Z", "2026-09-14T00:00:00Z");
        assertThat(weeks.getList("points.total", Long.class).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(rows.count("domain_id = ?", domain));
    }

    @Test
    void limitsStatisticsToTheCallersTenants() {
        JsonPath stats = given().auth().oauth2(Tokens.tenantViewer(projectA)).queryParam("domainId", domain)
                .queryParam("from", FROM).queryParam("to", TO).when().get("/api/v1/statistics")
                .then().statusCode(200).extract().jsonPath();

        assertThat(stats.getList("byTenant.projectId")).containsExactly(projectA);
        assertThat(stats.getLong("total")).isEqualTo(rows.count("domain_id = ? AND project_id = ? AND occurred_at >= '"
                + FROM + "' AND occurred_at < '" + TO + "'", domain, projectA));
        given().auth().oauth2(Tokens.tenantViewer(projectA)).queryParam("domainId", domain).queryParam("bucket", "day")
                .queryParam("from", FROM).queryParam("to", TO).when().get("/api/v1/timeline")
                .then().statusCode(200).body("points.total.sum()", equalTo((int) stats.getLong("total")));
    }

    @Test
    void rejectsBadRangesAndBuckets() {
        given().auth().oauth2(Tokens.viewer()).queryParam("bucket", "fortnight").when().get("/api/v1/timeline")
                .then().statusCode(400).body("violations.field", hasItem("bucket"));
        given().auth().oauth2(Tokens.viewer()).queryParam("bucket", "hour").queryParam("from", "2020-01-01")
                .queryParam("to", "2026-01-01").when().get("/api/v1/timeline")
                .then().statusCode(422).body("violations.field", hasItem("bucket"));
        given().auth().oauth2(Tokens.viewer()).queryParam("from", "not-a-date").when().get("/api/v1/statistics")
                .then().statusCode(400);
        given().auth().oauth2(Tokens.viewer()).queryParam("from", "2999-01-01").when().get("/api/v1/statistics")
                .then().statusCode(422);
    }
}
