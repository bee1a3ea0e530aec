package dev.snapshotmanager.audit.api;

import static dev.snapshotmanager.audit.fixtures.ResolutionBuilder.aResolution;
import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.domain.ComplianceStatus;
import dev.snapshotmanager.audit.fixtures.EventPublisher;
import dev.snapshotmanager.audit.fixtures.Inventory;
import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.audit.service.ComplianceMetrics;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.VolumeAction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Compliance when policy-service has resolved the volumes (snapshot.volume-policies.v1 through the real broker):
 * the resolution's policies are what is expected, whatever the records, metadata and auto-apply sets suggest.
 */
@QuarkusTest
class ResolvedComplianceTest {

    private static final String DAILY = "0 2 * * *";

    @Inject
    IngestService ingest;

    @Inject
    ComplianceMetrics metrics;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant monthAgo = now.minus(Duration.ofDays(30));

    @Test
    void reportsAVolumeExcludedAfterItHadSnapshotsAsExcludedWithItsReason() {
        String project = Records.uniqueProject();
        UUID set = UUID.randomUUID();
        String volume = "excluded-" + project;
        Instant until = now.plus(Duration.ofDays(14));
        try (EventPublisher events = new EventPublisher()) {
            events.publish(Inventory.tenantSet(set, project, "daily", DAILY, false));
            events.publish(Inventory.volume(volume, project, Map.of(), monthAgo));
            Records.store(ingest, aResult().project(project).volume(volume, "db").policy(set, "daily")
                    .action(VolumeAction.CREATED).at(now.minus(Duration.ofDays(3))).build());
            // Without a resolution the snapshots that stopped say MISSING.
            awaitItems(project, items -> items.size() == 1 && "MISSING".equals(items.get(0).get("status")));

            events.publish(aResolution(volume, project).decidedBy(ResolutionStep.EXCLUSION)
                    .reason("decommissioning, ticket OPS-7").excludedUntil(until).build());

            Map<String, Object> entry = awaitItems(project,
                    items -> items.size() == 1 && "EXCLUDED".equals(items.get(0).get("status"))).get(0);
            assertThat(entry).containsEntry("volumeId", volume).containsEntry("source", "EXCLUSION")
                    .containsEntry("reason", "decommissioning, ticket OPS-7")
                    .containsEntry("excludedUntil", until.toString()).containsEntry("policyName", null);
            assertThat(entry.get("resolvedAt")).isNotNull();
        }
    }

    @Test
    void judgesARulesPolicyPendingUntilASlotHasPassedSinceItAppliesThenMissing() {
        String project = Records.uniqueProject();
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        try (EventPublisher events = new EventPublisher()) {
            // Not auto-applied: without resolutions these volumes would be UNCOVERED.
            events.publish(Inventory.tenantSet(known, project, "daily", DAILY, false));
            for (String name : List.of("pending", "missing", "new", "weekly")) {
                events.publish(Inventory.volume(name + "-" + project, project, Map.of(),
                        name.equals("new") ? now : monthAgo));
            }
            // A daily slot is at most 25 h before the evaluation (grace 1 h): none after one minute ago, one after
            // three days ago. The resolution's hourly cron is stale: the projection's daily one is judged.
            events.publish(aResolution("pending-" + project, project).reason("rule databases")
                    .policy(known, "daily", "0 * * * *", now.minus(Duration.ofMinutes(1))).build());
            events.publish(aResolution("missing-" + project, project)
                    .policy(known, "daily", "0 * * * *", now.minus(Duration.ofDays(3))).build());
            // Applies for long, but the volume was created just now.
            events.publish(aResolution("new-" + project, project).policy(known, "daily", DAILY, monthAgo).build());
            // A set the policy projection does not know: the resolution's cron is all there is.
            events.publish(aResolution("weekly-" + project, project)
                    .policy(unknown, "weekly", "0 2 * * 1", now.minus(Duration.ofMinutes(1))).build());

            List<Map<String, Object>> items = awaitItems(project, all -> all.size() == 4
                    && all.stream().allMatch(i -> "RULE".equals(i.get("source"))));

            assertThat(statusByVolume(items)).containsExactlyInAnyOrderEntriesOf(Map.of("pending-" + project, "PENDING",
                    "missing-" + project, "MISSING", "new-" + project, "PENDING", "weekly-" + project, "PENDING"));
            assertThat(byVolume(items, "pending-" + project)).containsEntry("intervalSeconds", 86_400)
                    .containsEntry("reason", "rule databases").containsEntry("policySetId", known.toString());
            assertThat(byVolume(items, "weekly-" + project)).containsEntry("intervalSeconds", 604_800)
                    .containsEntry("policySetName", "set-weekly");
        }
    }

    @Test
    void judgesOnlyThePolicyAVolumeWasMovedTo() {
        String project = Records.uniqueProject();
        UUID setA = UUID.randomUUID();
        UUID setB = UUID.randomUUID();
        String volume = "moved-" + project;
        try (EventPublisher events = new EventPublisher()) {
            events.publish(Inventory.tenantSet(setA, project, "daily", DAILY, false));
            events.publish(Inventory.tenantSet(setB, project, "daily", DAILY, false));
            events.publish(Inventory.volume(volume, project, Map.of(), monthAgo));
            Records.store(ingest,
                    aResult().project(project).volume(volume, "v").policy(setA, "daily").action(VolumeAction.CREATED)
                            .at(now.minus(Duration.ofDays(3))).build(),
                    // within the grace (1 h) before now, so after the latest daily slot that counts at any time of day
                    // (2 h before now was before the 02:00 slot when the test ran between 03:00 and 04:00 UTC)
                    aResult().project(project).volume(volume, "v").policy(setB, "daily").action(VolumeAction.CREATED)
                            .at(now.minus(Duration.ofMinutes(30))).build());
            // Inferred from the records: both policies, A missing.
            awaitItems(project, items -> items.size() == 2);

            events.publish(aResolution(volume, project).decidedBy(ResolutionStep.ASSIGNMENT)
                    .policy(setB, "daily", DAILY, now.minus(Duration.ofDays(2))).build());

            Map<String, Object> entry = awaitItems(project,
                    items -> items.size() == 1 && "ASSIGNMENT".equals(items.get(0).get("source"))).get(0);
            assertThat(entry).containsEntry("policySetId", setB.toString()).containsEntry("status", "COMPLIANT");
            given().auth().oauth2(Tokens.viewer()).queryParam("policySetId", setA.toString())
                    .queryParam("projectId", project).when().get("/api/v1/compliance").then().statusCode(200)
                    .body("items", org.hamcrest.Matchers.empty());
        }
    }

    @Test
    void reportsAnOptedOutAssignmentAsExcludedAndAnUncoveredVolumeAsUncovered() {
        String project = Records.uniqueProject();
        UUID autoApplied = UUID.randomUUID();
        try (EventPublisher events = new EventPublisher()) {
            // Inference would expect the tenant's auto-apply set of both, and the records' policy of the second.
            events.publish(Inventory.tenantSet(autoApplied, project, "daily", DAILY, true));
            events.publish(Inventory.volume("optout-" + project, project, Map.of(), monthAgo));
            events.publish(Inventory.volume("bare-" + project, project, Map.of(), monthAgo));
            Records.store(ingest, aResult().project(project).volume("bare-" + project, "b").policy(autoApplied, "daily")
                    .action(VolumeAction.CREATED).at(now.minus(Duration.ofHours(1))).build());
            events.publish(aResolution("optout-" + project, project).decidedBy(ResolutionStep.ASSIGNMENT)
                    .reason("assignment autoSnapshot=false").build());
            events.publish(aResolution("bare-" + project, project).decidedBy(ResolutionStep.UNCOVERED).build());

            List<Map<String, Object>> items = awaitItems(project, all -> all.size() == 2
                    && all.stream().allMatch(i -> i.get("resolvedAt") != null));

            assertThat(byVolume(items, "optout-" + project)).containsEntry("status", "EXCLUDED")
                    .containsEntry("source", "ASSIGNMENT").containsEntry("reason", "assignment autoSnapshot=false");
            assertThat(byVolume(items, "bare-" + project)).containsEntry("status", "UNCOVERED")
                    .containsEntry("source", "UNCOVERED").containsEntry("policyName", null);
        }
    }

    @Test
    void summaryExportGaugeAndTenantScopeFollowTheResolutions() throws IOException {
        String project = Records.uniqueProject();
        String other = Records.uniqueProject();
        UUID set = UUID.randomUUID();
        Instant until = now.plus(Duration.ofDays(7));
        try (EventPublisher events = new EventPublisher()) {
            events.publish(Inventory.tenantSet(set, project, "daily", DAILY, true));
            for (String name : List.of("excluded", "late", "ok")) {
                events.publish(Inventory.volume(name + "-" + project, project, Map.of(), monthAgo));
            }
            events.publish(Inventory.volume("theirs-" + other, other, Map.of(), monthAgo));
            Records.store(ingest,
                    aResult().project(project).volume("excluded-" + project, "e").policy(set, "daily")
                            .action(VolumeAction.CREATED).at(now.minus(Duration.ofDays(3))).build(),
                    aResult().project(project).volume("ok-" + project, "o").policy(set, "daily")
                            .action(VolumeAction.CREATED).at(now.minus(Duration.ofHours(1))).build());
            events.publish(aResolution("excluded-" + project, project).decidedBy(ResolutionStep.EXCLUSION)
                    .reason("legal hold, \"case 12\"").excludedUntil(until).build());
            events.publish(aResolution("late-" + project, project).decidedBy(ResolutionStep.TENANT_SET)
                    .policy(set, "daily", DAILY, monthAgo).build());
            events.publish(aResolution("ok-" + project, project).decidedBy(ResolutionStep.TENANT_SET)
                    .policy(set, "daily", DAILY, monthAgo).build());
            events.publish(aResolution("theirs-" + other, other).policy(set, "daily", DAILY, monthAgo).build());
            awaitItems(project, all -> all.size() == 3 && all.stream().allMatch(i -> i.get("resolvedAt") != null));
            awaitItems(other, all -> all.size() == 1 && all.get(0).get("resolvedAt") != null);
        }

        JsonPath summary = given().auth().oauth2(Tokens.tenantViewer(project)).when().get("/api/v1/compliance/summary")
                .then().statusCode(200).extract().jsonPath();
        assertThat(summary.getInt("total")).isEqualTo(3);
        assertThat(summary.getMap("byStatus")).containsExactlyInAnyOrderEntriesOf(
                Map.of("EXCLUDED", 1, "MISSING", 1, "COMPLIANT", 1));
        assertThat(summary.getList("byTenant.projectId")).containsExactly(project);
        assertThat(summary.getList("byPolicy.policyName")).containsExactly("daily");
        assertThat(summary.getInt("byPolicy[0].total")).isEqualTo(2);

        String csv = given().auth().oauth2(Tokens.tenantViewer(project)).when().get("/api/v1/compliance/export")
                .then().statusCode(200).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",lastAttemptAction,reason,excludedUntil,resolvedAt");
        assertThat(rows).extracting(r -> r.get("projectId")).containsOnly(project).hasSize(3);
        assertThat(rows).filteredOn(r -> r.get("status").equals("EXCLUDED")).singleElement().satisfies(r -> {
            assertThat(r.get("reason")).isEqualTo("legal hold, \"case 12\"");
            assertThat(r.get("excludedUntil")).isEqualTo(until.toString());
            assertThat(r.get("source")).isEqualTo("EXCLUSION");
        });

        Map<ComplianceStatus, Long> gauge = metrics.refresh().get(project);
        assertThat(gauge).containsEntry(ComplianceStatus.EXCLUDED, 1L).containsEntry(ComplianceStatus.MISSING, 1L)
                .containsEntry(ComplianceStatus.COMPLIANT, 1L).containsEntry(ComplianceStatus.PENDING, 0L)
                .containsEntry(ComplianceStatus.UNCOVERED, 0L);

        List<String> visible = given().auth().oauth2(Tokens.tenantViewer(project)).queryParam("limit", 1000)
                .when().get("/api/v1/compliance").then().statusCode(200).extract().jsonPath().getList("items.projectId");
        assertThat(visible).hasSize(3).containsOnly(project);
        given().auth().oauth2(Tokens.tenantViewer(project)).queryParam("projectId", other)
                .when().get("/api/v1/compliance/export").then().statusCode(403);
    }

    /** Polls the project's compliance entries (as an all-tenant viewer) until they satisfy the condition. */
    static List<Map<String, Object>> awaitItems(String project, Predicate<List<Map<String, Object>>> condition) {
        List<Map<String, Object>>[] result = new List[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            result[0] = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project).queryParam("limit", 1000)
                    .when().get("/api/v1/compliance").then().statusCode(200).extract().jsonPath().getList("items");
            return condition.test(result[0]);
        });
        return result[0];
    }

    private static Map<String, String> statusByVolume(List<Map<String, Object>> items) {
        return items.stream().collect(java.util.stream.Collectors.toMap(i -> (String) i.get("volumeId"),
                i -> (String) i.get("status")));
    }

    private static Map<String, Object> byVolume(List<Map<String, Object>> items, String volumeId) {
        return items.stream().filter(i -> volumeId.equals(i.get("volumeId"))).findFirst().orElseThrow();
    }
}
