package dev.snapshotmanager.systemtests;

import static dev.snapshotmanager.systemtests.Fixtures.at;
import static dev.snapshotmanager.systemtests.Fixtures.metadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.snapshotmanager.systemtests.harness.DemoUser;
import dev.snapshotmanager.systemtests.harness.SystemStack;
import dev.snapshotmanager.systemtests.harness.SystemStackExtension;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * One real run-now of a new policy over the SSD volumes of project initech-erp, then what every part of the suite
 * says about it: the emulator's snapshots, audit-service's records and CSV export, the run's counters, compliance.
 */
@ExtendWith(SystemStackExtension.class)
@ResourceLock(value = SystemStack.EMULATOR_FAULTS, mode = ResourceAccessMode.READ)
class SnapshotRunSystemTest {

    static final String PROJECT = "demo-project-5";
    static final String PROJECT_NAME = "initech-erp";
    static final Set<String> SKIP_STATUSES = Set.of("error", "deleting", "error_deleting");

    static String setId;
    static String ruleId;
    static String policy;
    static String runId;
    static JsonPath run;
    static List<Map<String, Object>> covered;
    static Set<String> snapshotted;
    static Set<String> skipped;

    @BeforeAll
    static void runThePolicyOnce(SystemStack stack) {
        policy = Fixtures.unique("e2e_daily").replace('-', '_');
        setId = Fixtures.createPolicySet(stack, Fixtures.unique("e2e-run"), policy, "0 3 * * *", 3);
        ruleId = Fixtures.createRule(stack, Fixtures.unique("e2e-run-ssd"), 950,
                Map.of("projectName", PROJECT_NAME, "volumeType", "ssd"), setId);
        covered = Fixtures.protectedBy(stack, PROJECT, setId, policy);
        snapshotted = covered.stream().filter(v -> !SKIP_STATUSES.contains(v.get("status")))
                .map(v -> (String) v.get("id")).collect(Collectors.toSet());
        skipped = covered.stream().filter(v -> SKIP_STATUSES.contains(v.get("status")))
                .map(v -> (String) v.get("id")).collect(Collectors.toSet());
        assertThat(snapshotted).as("SSD volumes of %s without legacy metadata", PROJECT_NAME).hasSizeGreaterThan(3);

        runId = Fixtures.requestRun(stack, setId, policy, PROJECT);
        run = Fixtures.awaitFinished(stack, runId, Duration.ofMinutes(2));
    }

    @AfterAll
    static void removeThePolicy(SystemStack stack) {
        Fixtures.delete(stack, ruleId, setId);
    }

    @Test
    void completesWithCountersThatAddUpToTheCoveredVolumes() {
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("COMPLETED");
        assertThat(run.getBoolean("dryRun")).isFalse();
        assertThat(run.getString("policy.policySetId")).isEqualTo(setId);
        assertThat(run.getString("policy.policyName")).isEqualTo(policy);
        assertThat(run.getList("scope.projectIds")).containsExactly(PROJECT);
        assertThat(run.getInt("counters.totalVolumes")).isEqualTo(covered.size());
        assertThat(run.getInt("counters.created")).isEqualTo(snapshotted.size());
        assertThat(run.getInt("counters.skipped")).isEqualTo(skipped.size());
        assertThat(run.getInt("counters.failed")).isZero();
        assertThat(run.getInt("counters.quotaBlocked")).isZero();
        assertThat(run.getInt("counters.deleted")).isZero();
        assertThat(run.getInt("counters.batchesCompleted")).isEqualTo(run.getInt("counters.batchesTotal")).isPositive();
        assertThat(run.getInt("progressPercent")).isEqualTo(100);
        assertThat(run.getString("requestedBy")).isNotBlank();
        assertThat(Instant.parse(run.getString("finishedAt"))).isAfterOrEqualTo(Instant.parse(run.getString("startedAt")));
    }

    @Test
    void createsOneSnapshotPerVolumeInItsOwnProjectNamedAndTaggedAsDomainSays(SystemStack stack) {
        List<Map<String, Object>> snapshots = Fixtures.snapshotsOfRun(stack, PROJECT, runId);
        Map<String, Map<String, Object>> volumes = covered.stream()
                .collect(Collectors.toMap(v -> (String) v.get("id"), Function.identity()));

        assertThat(snapshots).extracting(s -> s.get("volume_id")).as("one snapshot per volume, none twice")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(snapshotted);
        String slot = run.getString("slot");
        for (Map<String, Object> snapshot : snapshots) {
            Map<String, Object> volume = volumes.get(snapshot.get("volume_id"));
            assertThat(snapshot).containsEntry("project_id", PROJECT).containsEntry("status", "available");
            assertThat((String) snapshot.get("name"))
                    .startsWith(Fixtures.namePrefix(PROJECT_NAME, policy, (String) volume.get("serverName"),
                            (String) volume.get("name")))
                    .matches(".*-\\d{8}-\\d{6}");
            assertThat(metadata(snapshot)).containsEntry("created_by", "snapshot-manager")
                    .containsEntry("policy", policy).containsEntry("run_id", runId)
                    .containsEntry("original_project_id", PROJECT)
                    .containsEntry("original_volume_id", (String) volume.get("id"))
                    .containsKey("slot");
            assertThat(Instant.parse(metadata(snapshot).get("slot"))).isEqualTo(Instant.parse(slot));
        }
    }

    @Test
    void auditsExactlyOneRecordPerVolumeAction(SystemStack stack) {
        List<Map<String, Object>> records = Fixtures.awaitRecords(stack, runId, covered.size());
        Map<String, String> snapshotIds = Fixtures.snapshotsOfRun(stack, PROJECT, runId).stream()
                .collect(Collectors.toMap(s -> (String) s.get("volume_id"), s -> (String) s.get("id")));

        assertThat(records).hasSize(covered.size());
        assertThat(records).extracting(r -> r.get("id")).doesNotHaveDuplicates();
        assertThat(records).extracting(r -> at(r, "volume.id")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(covered.stream().map(v -> v.get("id")).toList());
        for (Map<String, Object> record : records) {
            String volumeId = (String) at(record, "volume.id");
            assertThat(record).containsEntry("runId", runId).containsEntry("dryRun", false);
            assertThat(at(record, "tenant.projectId")).isEqualTo(PROJECT);
            assertThat(at(record, "tenant.projectName")).isEqualTo(PROJECT_NAME);
            assertThat(at(record, "policy.policyName")).isEqualTo(policy);
            assertThat(at(record, "policy.policySetId")).isEqualTo(setId);
            if (snapshotted.contains(volumeId)) {
                assertThat(record).as("record of %s", volumeId).containsEntry("action", "CREATED");
                assertThat(at(record, "snapshot.id")).isEqualTo(snapshotIds.get(volumeId));
                assertThat(at(record, "retention.keepLast")).isEqualTo(3);
            } else {
                assertThat(record).as("record of %s", volumeId).containsEntry("action", "SKIPPED")
                        .containsEntry("reason", "VOLUME_STATUS");
            }
        }
    }

    @Test
    void exportsTheRunsRecordsAsCsv(SystemStack stack) throws Exception {
        Fixtures.awaitRecords(stack, runId, covered.size());

        Response export = stack.as(DemoUser.VIEWER).accept("text/csv").queryParam("runId", runId)
                .get("/api/v1/records/export");

        export.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString(".csv"));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.asString())).getRecords();
        assertThat(rows).hasSize(covered.size());
        assertThat(rows).extracting(r -> r.get("runId")).containsOnly(runId);
        assertThat(rows).extracting(r -> r.get("volumeId")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(covered.stream().map(v -> (String) v.get("id")).toList());
        assertThat(rows.stream().filter(r -> r.get("action").equals("CREATED")).map(r -> r.get("volumeId")))
                .containsExactlyInAnyOrderElementsOf(snapshotted);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("projectId")).isEqualTo(PROJECT));
    }

    @Test
    void reportsTheSnapshottedVolumesCompliantAndExportsThatAsCsv(SystemStack stack) throws Exception {
        org.awaitility.Awaitility.await("compliance of the snapshotted volumes").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    List<Map<String, Object>> entries = stack.as(DemoUser.VIEWER).queryParam("projectId", PROJECT)
                            .queryParam("policySetId", setId).queryParam("limit", 1000).get("/api/v1/compliance")
                            .then().statusCode(200).extract().jsonPath().getList("items");
                    assertThat(entries.stream().filter(e -> "COMPLIANT".equals(e.get("status")))
                            .map(e -> e.get("volumeId"))).containsExactlyInAnyOrderElementsOf(snapshotted);
                });

        JsonPath summary = stack.as(DemoUser.VIEWER).queryParam("projectId", PROJECT).queryParam("policySetId", setId)
                .get("/api/v1/compliance/summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getLong("byStatus.COMPLIANT")).isEqualTo(snapshotted.size());

        Response export = stack.as(DemoUser.VIEWER).accept("text/csv").queryParam("projectId", PROJECT)
                .queryParam("policySetId", setId).get("/api/v1/compliance/export");
        export.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.asString())).getRecords();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("projectId")).isEqualTo(PROJECT);
            assertThat(r.get("policyName")).isEqualTo(policy);
        });
        assertThat(rows.stream().filter(r -> r.get("status").equals("COMPLIANT")).map(r -> r.get("volumeId")))
                .containsExactlyInAnyOrderElementsOf(snapshotted);
        assertThat(rows.stream().filter(r -> r.get("status").equals("COMPLIANT")))
                .allSatisfy(r -> assertThat(r.get("lastSnapshotAt")).isNotBlank());
    }

    @Test
    void publishesTheRunsLifecycleAsCloudEventsThatAMonitoringConsumerReads(SystemStack stack) {
        List<LifecycleMonitor.Event> events = LifecycleMonitor.readUntilFinal(stack.kafkaBootstrap(), runId,
                Duration.ofSeconds(60));

        assertThat(events).extracting(e -> e.payload().path("event").asText())
                .startsWith("REQUESTED").contains("STARTED").endsWith("COMPLETED");
        assertThat(events).extracting(LifecycleMonitor.Event::id).doesNotHaveDuplicates();
        for (LifecycleMonitor.Event event : events) {
            assertThat(event.key()).isEqualTo(runId);
            assertThat(event.header("ce_specversion")).isEqualTo("1.0");
            assertThat(event.header("ce_type")).isEqualTo("snapshot.run.lifecycle.v1");
            assertThat(event.header("ce_source")).isEqualTo("/snapshot-manager/run-service");
            assertThat(event.header("ce_subject")).isEqualTo(runId);
            assertThat(event.header("ce_time")).isNotBlank();
            assertThat(event.header("content-type")).startsWith("application/json");
            assertThat(event.payload().path("runId").asText()).isEqualTo(runId);
            assertThat(event.payload().path("policy").path("policyName").asText()).isEqualTo(policy);
        }
        var last = events.get(events.size() - 1).payload();
        assertThat(last.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(last.path("progressPercent").asInt()).isEqualTo(100);
        assertThat(last.path("counters").path("created").asInt()).isEqualTo(run.getInt("counters.created"));
        assertThat(last.path("counters").path("totalVolumes").asInt()).isEqualTo(run.getInt("counters.totalVolumes"));
        // The API reads finishedAt back from PostgreSQL (rounded to microseconds); the event carries it as it was made.
        assertThat(Instant.parse(last.path("finishedAt").asText()))
                .isCloseTo(Instant.parse(run.getString("finishedAt")), within(1, ChronoUnit.MICROS));
    }
}
