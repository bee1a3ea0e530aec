package dev.snapshotmanager.audit.api;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.snapshotmanager.audit.fixtures.EventPublisher;
import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.events.PolicySetState;
import dev.snapshotmanager.events.PolicyState;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeInventoryV1;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Compliance from the real topics: policy sets and inventory through Kafka, results through the ingest. */
@QuarkusTest
class ComplianceApiTest {

    @Inject
    IngestService ingest;

    @Test
    void reportsEachStatusFromTheProjectionsAndRecords() {
        String project = Records.uniqueProject();
        String uncoveredProject = Records.uniqueProject();
        UUID set = UUID.randomUUID();
        Instant now = Instant.now();
        try (EventPublisher events = new EventPublisher()) {
            events.publish(policySet(set, project, 1));
            events.publish(volume("ok-" + project, project, Map.of(), now.minus(Duration.ofDays(30))));
            events.publish(volume("missing-" + project, project, Map.of(), now.minus(Duration.ofDays(30))));
            events.publish(volume("quota-" + project, project, Map.of(), now.minus(Duration.ofDays(30))));
            events.publish(volume("excluded-" + project, project, Map.of("auto_snapshot", "false"),
                    now.minus(Duration.ofDays(30))));
            events.publish(volume("new-" + project, project, Map.of(), now));
            events.publish(volume("gone-" + project, project, Map.of(), now.minus(Duration.ofDays(30))));
            events.publish(volume("bare-" + uncoveredProject, uncoveredProject, Map.of(), now.minus(Duration.ofDays(30))));
            events.tombstone(Topics.VOLUME_INVENTORY, "gone-" + project);
            Records.store(ingest,
                    aResult().project(project).volume("ok-" + project, "ok").policy(set, "daily")
                            .action(VolumeAction.CREATED).at(now.minus(Duration.ofHours(1))).build(),
                    aResult().project(project).volume("quota-" + project, "quota").policy(set, "daily")
                            .action(VolumeAction.QUOTA_BLOCKED).at(now.minus(Duration.ofMinutes(5))).build());

            Map<String, String> statuses = awaitStatuses(project, 5);
            assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "ok-" + project, "COMPLIANT",
                    "missing-" + project, "MISSING",
                    "quota-" + project, "QUOTA_BLOCKED",
                    "excluded-" + project, "EXCLUDED",
                    "new-" + project, "PENDING"));
            assertThat(awaitStatuses(uncoveredProject, 1)).containsEntry("bare-" + uncoveredProject, "UNCOVERED");
        }

        JsonPath summary = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project)
                .when().get("/api/v1/compliance/summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getInt("total")).isEqualTo(5);
        assertThat(summary.getInt("byTenant[0].byStatus.MISSING")).isEqualTo(1);
        assertThat(summary.getString("byPolicy[0].policyName")).isEqualTo("daily");
        assertThat(summary.getInt("byPolicy[0].total")).isEqualTo(4);
        assertThat(summary.getMap("volumes")).as("ok, missing, quota and new are protected; one is excluded")
                .containsExactlyInAnyOrderEntriesOf(Map.of("total", 5, "protected", 4, "excluded", 1, "uncovered", 0));
        assertThat(given().auth().oauth2(Tokens.viewer()).queryParam("projectId", uncoveredProject)
                .when().get("/api/v1/compliance/summary").then().statusCode(200).extract().jsonPath()
                .getMap("volumes")).containsExactlyInAnyOrderEntriesOf(
                        Map.of("total", 1, "protected", 0, "excluded", 0, "uncovered", 1));

        List<String> missing = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project)
                .queryParam("status", "MISSING,QUOTA_BLOCKED").when().get("/api/v1/compliance")
                .then().statusCode(200).extract().jsonPath().getList("items.status");
        assertThat(missing).containsExactlyInAnyOrder("MISSING", "QUOTA_BLOCKED");

        String csv = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project)
                .when().get("/api/v1/compliance/export").then().statusCode(200)
                .header("Content-Disposition", containsString("compliance-")).extract().asString();
        assertThat(csv).startsWith("volumeId,volumeName,projectId");
        assertThat(csv.lines().count()).isEqualTo(6);

        given().auth().oauth2(Tokens.tenantViewer(project)).queryParam("projectId", uncoveredProject)
                .when().get("/api/v1/compliance").then().statusCode(403);
        List<String> visible = given().auth().oauth2(Tokens.tenantViewer(project)).queryParam("limit", 1000)
                .when().get("/api/v1/compliance").then().statusCode(200).extract().jsonPath().getList("items.projectId");
        assertThat(visible).hasSize(5).containsOnly(project);
        given().auth().oauth2(Tokens.viewer()).queryParam("status", "SHINY").when().get("/api/v1/compliance")
                .then().statusCode(400);
    }

    @Test
    void pagesThroughComplianceEntries() {
        String project = Records.uniqueProject();
        try (EventPublisher events = new EventPublisher()) {
            for (int i = 0; i < 5; i++) {
                events.publish(volume("page-" + i + "-" + project, project, Map.of(), Instant.now()));
            }
        }
        awaitStatuses(project, 5);
        JsonPath first = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project).queryParam("limit", 3)
                .when().get("/api/v1/compliance").then().statusCode(200).extract().jsonPath();
        JsonPath second = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project).queryParam("limit", 3)
                .queryParam("cursor", first.getString("nextCursor")).when().get("/api/v1/compliance")
                .then().statusCode(200).extract().jsonPath();

        assertThat(first.getList("items.volumeId", String.class)).hasSize(3);
        assertThat(second.getList("items.volumeId", String.class)).hasSize(2)
                .doesNotContainAnyElementsOf(first.getList("items.volumeId", String.class));
        assertThat(second.getString("nextCursor")).isNull();
    }

    @Test
    void pagesOneEntryAtATimeOverVolumeIdsThatArePrefixesOfEachOther() {
        String project = Records.uniqueProject();
        UUID set = UUID.randomUUID();
        List<String> volumes = List.of(project + "-p-1", project + "-p-10", project + "-p-2");
        try (EventPublisher events = new EventPublisher()) {
            events.publish(policySet(set, project, 1, "daily", "hourly"));
            volumes.forEach(id -> events.publish(volume(id, project, Map.of(), Instant.now())));
        }
        awaitStatuses(project, 6);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            var request = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project).queryParam("limit", 1);
            JsonPath body = (cursor == null ? request : request.queryParam("cursor", cursor)).when()
                    .get("/api/v1/compliance").then().statusCode(200).extract().jsonPath();
            seen.add(body.getString("items[0].volumeId") + " " + body.getString("items[0].policyName"));
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                break;
            }
        }

        assertThat(seen).containsExactly(project + "-p-1 daily", project + "-p-1 hourly", project + "-p-10 daily",
                project + "-p-10 hourly", project + "-p-2 daily", project + "-p-2 hourly");
    }

    @Test
    void judgesAVolumeMovedToAnotherProjectByItsSnapshotsForTheNewProjectsViewers() {
        String before = Records.uniqueProject();
        String after = Records.uniqueProject();
        UUID set = UUID.randomUUID();
        String moved = "moved-" + after;
        try (EventPublisher events = new EventPublisher()) {
            events.publish(policySet(set, before, 1));
            // the inventory has it in its new project; its snapshot was taken while it was in the old one
            events.publish(volume(moved, after, Map.of(), Instant.now().minus(Duration.ofDays(30))));
        }
        Records.store(ingest, aResult().project(before).volume(moved, "moved").policy(set, "daily")
                .action(VolumeAction.CREATED).at(Instant.now().minus(Duration.ofMinutes(10))).build());

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(given().auth().oauth2(Tokens.viewer()).queryParam("limit", 1000)
                        .queryParam("status", "COMPLIANT").when().get("/api/v1/compliance").then().statusCode(200)
                        .extract().jsonPath().getList("items.volumeId", String.class)).contains(moved));

        JsonPath tenant = given().auth().oauth2(Tokens.tenantViewer(after)).when().get("/api/v1/compliance")
                .then().statusCode(200).extract().jsonPath();
        assertThat(tenant.getList("items.volumeId", String.class)).containsExactly(moved);
        assertThat(tenant.getString("items[0].status")).isEqualTo("COMPLIANT");
        assertThat(tenant.getString("items[0].policyName")).isEqualTo("daily");
        assertThat(tenant.getString("items[0].lastSnapshotAt")).isNotNull();
        assertThat(given().auth().oauth2(Tokens.viewer()).queryParam("projectId", after).when()
                .get("/api/v1/compliance").then().statusCode(200).extract().jsonPath().getString("items[0].status"))
                .isEqualTo("COMPLIANT");
        assertThat(given().auth().oauth2(Tokens.tenantViewer(before)).when().get("/api/v1/compliance")
                .then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    private static Map<String, String> awaitStatuses(String project, int expected) {
        Map<String, String>[] result = new Map[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath page = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project).queryParam("limit", 1000)
                    .when().get("/api/v1/compliance").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            result[0] = new java.util.HashMap<>();
            items.forEach(i -> result[0].put((String) i.get("volumeId"), (String) i.get("status")));
            return items.size() == expected && (expected == 1 || items.stream().noneMatch(
                    i -> "UNCOVERED".equals(i.get("status")) && !((String) i.get("volumeId")).startsWith("page-")));
        });
        return result[0];
    }

    private static PolicyChangedV1 policySet(UUID id, String project, long version) {
        return policySet(id, project, version, "daily");
    }

    private static PolicyChangedV1 policySet(UUID id, String project, long version, String... policyNames) {
        List<PolicyState> policies = java.util.Arrays.stream(policyNames)
                .map(name -> new PolicyState(name, "0 2 * * *", "UTC", 5, null, MissedRunMode.SKIP, true)).toList();
        return new PolicyChangedV1(id, false, version, Instant.parse("2026-01-01T00:00:00Z"), "test",
                new PolicySetState(id, "tenant-default", PolicyScope.TENANT, project, 100, true, true, policies));
    }

    private static VolumeInventoryV1 volume(String id, String project, Map<String, String> metadata, Instant createdAt) {
        return new VolumeInventoryV1(id, "name-" + id, "in-use", 10, "ssd", false, metadata,
                new TenantRef("default", "Default", project, "Project " + project), new ServerRef("srv-1", "web-1"),
                List.of("srv-1"), createdAt, Instant.now());
    }
}
