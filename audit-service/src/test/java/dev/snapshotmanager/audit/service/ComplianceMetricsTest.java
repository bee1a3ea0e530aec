package dev.snapshotmanager.audit.service;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.domain.ComplianceStatus;
import dev.snapshotmanager.audit.fixtures.EventPublisher;
import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyChangedV1;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.events.PolicySetState;
import dev.snapshotmanager.events.PolicyState;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeInventoryV1;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The compliance gauge on /q/metrics, fed by the real topics and the ingest. */
@QuarkusTest
class ComplianceMetricsTest {

    private static final Pattern GAUGE = Pattern.compile("^snapshot_compliance_volumes\\{([^}]*)} (\\S+)$",
            Pattern.MULTILINE);

    @Inject
    IngestService ingest;

    @Inject
    ComplianceMetrics metrics;

    @Test
    void exportsTheVolumesOfEachTenantPerComplianceStatus() {
        String project = Records.uniqueProject();
        UUID set = UUID.randomUUID();
        Instant now = Instant.now();
        try (EventPublisher events = new EventPublisher()) {
            events.publish(dailySet(set, project));
            events.publish(volume("ok-" + project, project, now.minus(Duration.ofDays(30))));
            events.publish(volume("late-" + project, project, now.minus(Duration.ofDays(30))));
            events.publish(volume("other-late-" + project, project, now.minus(Duration.ofDays(30))));
            events.publish(volume("new-" + project, project, now));
        }
        Records.store(ingest, aResult().project(project).volume("ok-" + project, "ok").policy(set, "daily")
                .action(VolumeAction.CREATED).at(now.minus(Duration.ofHours(1))).build());

        Map<ComplianceStatus, Long> expected = Map.of(ComplianceStatus.COMPLIANT, 1L, ComplianceStatus.MISSING, 2L,
                ComplianceStatus.PENDING, 1L, ComplianceStatus.QUOTA_BLOCKED, 0L, ComplianceStatus.EXCLUDED, 0L,
                ComplianceStatus.UNCOVERED, 0L);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> expected.equals(metrics.refresh().get(project)));

        Map<String, Double> exported = gauge(given().when().get("/q/metrics").then().statusCode(200).extract().asString(),
                project);
        assertThat(exported).containsExactlyInAnyOrderEntriesOf(Map.of("COMPLIANT", 1.0, "MISSING", 2.0, "PENDING", 1.0,
                "QUOTA_BLOCKED", 0.0, "EXCLUDED", 0.0, "UNCOVERED", 0.0));
    }

    @Test
    void theMissingAlertOfDeployMonitoringReadsThisGaugePerTenant() throws Exception {
        String rules = Files.readString(Path.of("..", "deploy", "monitoring", "snapshot-manager-alerts.yaml"));
        Matcher alert = Pattern.compile("alert: SnapshotComplianceMissing\\s+expr: (.+)").matcher(rules);

        assertThat(alert.find()).as("the SnapshotComplianceMissing rule").isTrue();
        assertThat(alert.group(1)).contains("snapshot_compliance_volumes{status=\"MISSING\"}")
                .contains("by (tenant)").startsWith("max by");
        String project = Records.uniqueProject();
        try (EventPublisher events = new EventPublisher()) {
            events.publish(volume("bare-" + project, project, Instant.now()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> metrics.refresh().containsKey(project));
        assertThat(gauge(given().when().get("/q/metrics").then().statusCode(200).extract().asString(), project))
                .containsEntry("MISSING", 0.0).containsEntry("UNCOVERED", 1.0);
    }

    /** The gauge's values of one tenant, by status. */
    private static Map<String, Double> gauge(String metricsText, String tenant) {
        Map<String, Double> byStatus = new HashMap<>();
        Matcher m = GAUGE.matcher(metricsText);
        while (m.find()) {
            Map<String, String> labels = new HashMap<>();
            for (String label : m.group(1).split(",")) {
                String[] kv = label.split("=", 2);
                labels.put(kv[0], kv[1].replace("\"", ""));
            }
            if (tenant.equals(labels.get("tenant"))) {
                byStatus.put(labels.get("status"), Double.parseDouble(m.group(2)));
            }
        }
        return byStatus;
    }

    private static PolicyChangedV1 dailySet(UUID id, String project) {
        PolicyState daily = new PolicyState("daily", "0 2 * * *", "UTC", 5, null, MissedRunMode.SKIP, true);
        return new PolicyChangedV1(id, false, 1, Instant.parse("2026-01-01T00:00:00Z"), "test",
                new PolicySetState(id, "tenant-default", PolicyScope.TENANT, project, 100, true, true, List.of(daily)));
    }

    private static VolumeInventoryV1 volume(String id, String project, Instant createdAt) {
        return new VolumeInventoryV1(id, "name-" + id, "in-use", 10, "ssd", false, Map.of(),
                new TenantRef("default", "Default", project, "Project " + project), new ServerRef("srv-1", "web-1"),
                List.of("srv-1"), createdAt, Instant.now());
    }
}
