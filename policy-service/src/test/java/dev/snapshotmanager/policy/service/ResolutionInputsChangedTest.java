package dev.snapshotmanager.policy.service;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static dev.snapshotmanager.policy.Fixtures.tenantSet;
import static dev.snapshotmanager.policy.service.PublicationFixtures.inventory;
import static dev.snapshotmanager.policy.service.PublicationFixtures.sendInventory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.policy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Every committed change of what a resolution depends on tells the volume-policies publisher (which then runs a pass
 * within seconds); a refused change and an inventory record that changes nothing do not.
 */
@QuarkusTest
class ResolutionInputsChangedTest {

    @Inject
    ChangeRecorder recorder;

    @Test
    void exclusionsAssignmentsRulesAndSetsTellThePublisherOnlyWhenTheyCommit() {
        String project = tenant();
        String set = delta("policy set", () -> tenantSet(project).create());
        String volume = Fixtures.unique("vol");

        delta("exclusion", () -> as("operator").body(Map.of("volumeId", volume, "projectId", project,
                "reason", "migration")).post("/api/v1/exclusions").then().statusCode(201));
        assertNoChange("exclusion", () -> as("operator").body(Map.of("volumeId", volume, "projectId", project,
                "reason", "again")).post("/api/v1/exclusions").then().statusCode(409));
        delta("exclusion", () -> as("operator").delete("/api/v1/exclusions/" + volume).then().statusCode(204));

        delta("assignment", () -> as("operator").body(Map.of("volumeId", volume, "projectId", project,
                "policySetId", set)).post("/api/v1/assignments").then().statusCode(201));
        assertNoChange("assignment", () -> as("operator").body(Map.of("volumeId", volume, "projectId", project,
                "policySetId", set)).post("/api/v1/assignments").then().statusCode(409));

        delta("rule", () -> as("admin").body(Map.of("name", Fixtures.unique("rule"), "tenantId", project,
                "policySetId", set, "match", Map.of("volumeNamePrefix", java.util.List.of("db"))))
                .post("/api/v1/rules").then().statusCode(201));
        assertNoChange("rule", () -> as("admin").body(Map.of("name", Fixtures.unique("rule"), "tenantId", project,
                "policySetId", set, "priority", 5000)).post("/api/v1/rules").then().statusCode(422));
    }

    @Test
    void anInventoryRecordTellsThePublisherWhenTheVolumeIsNewChangedOrGone() {
        String project = tenant();
        String volume = Fixtures.unique("vol");
        String what = "inventory " + volume;

        sendInventory(volume, inventory(volume, project, "db-1", Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.count(what) == 1);

        sendInventory(volume, inventory(volume, project, "db-1", Map.of()));
        sendInventory(volume, inventory(volume, project, "db-1", Map.of("snapshot_policies", "daily")));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.count(what) >= 2);

        sendInventory(volume, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.count(what) >= 3);
        assertThat(recorder.count(what)).as("the unchanged record told nobody").isEqualTo(3);
    }

    private <T> T delta(String what, java.util.function.Supplier<T> change) {
        long before = recorder.count(what);
        T result = change.get();
        assertThat(recorder.count(what)).as("%s committed", what).isEqualTo(before + 1);
        return result;
    }

    private void assertNoChange(String what, Runnable refused) {
        LongSupplier count = () -> recorder.count(what);
        long before = count.getAsLong();
        refused.run();
        assertThat(count.getAsLong()).as("a refused %s change", what).isEqualTo(before);
    }
}
