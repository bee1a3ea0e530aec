package dev.snapshotmanager.systemtests;

import static dev.snapshotmanager.systemtests.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.systemtests.harness.DemoUser;
import dev.snapshotmanager.systemtests.harness.SystemStack;
import dev.snapshotmanager.systemtests.harness.SystemStackExtension;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A run against a faulty cloud: the emulator lets half of the new snapshots end in {@code error}. The run ends
 * PARTIAL, and each failure is a FAILED record that names the snapshot the cloud reported in error.
 */
@ExtendWith(SystemStackExtension.class)
@ResourceLock(SystemStack.EMULATOR_FAULTS)
class PartialRunSystemTest {

    static final String PROJECT = "demo-project-4";

    @Test
    void endsPartialWithOneFailedRecordPerSnapshotThatEndedInError(SystemStack stack) {
        String policy = Fixtures.unique("e2e_faulty").replace('-', '_');
        String setId = Fixtures.createPolicySet(stack, Fixtures.unique("e2e-partial"), policy, "0 6 * * *", 3);
        String ruleId = Fixtures.createRule(stack, Fixtures.unique("e2e-partial-all"), 952,
                Map.of("projectName", "globex-dev"), setId);
        try {
            Set<String> volumes = Fixtures.protectedBy(stack, PROJECT, setId, policy).stream()
                    .filter(v -> "available".equals(v.get("status")) || "in-use".equals(v.get("status")))
                    .map(v -> (String) v.get("id")).collect(Collectors.toSet());
            assertThat(volumes).as("volumes of globex-dev without legacy metadata").hasSizeGreaterThan(20);
            // Seeded: with 20+ volumes at a 50% rate, both outcomes occur (all one way: p < 2e-6).
            stack.emulator().faults("{\"seed\": 11, \"snapshots\": {\"errorRate\": 0.5}}");
            String runId;
            JsonPath run;
            try {
                runId = Fixtures.requestRun(stack, setId, policy, PROJECT);
                run = Fixtures.awaitFinished(stack, runId, Duration.ofMinutes(2));
            } finally {
                stack.emulator().clearFaults();
            }

            List<Map<String, Object>> inCloud = Fixtures.snapshotsOfRun(stack, PROJECT, runId);
            Set<String> errored = inCloud.stream().filter(s -> "error".equals(s.get("status")))
                    .map(s -> (String) s.get("id")).collect(Collectors.toSet());
            Set<String> available = inCloud.stream().filter(s -> "available".equals(s.get("status")))
                    .map(s -> (String) s.get("id")).collect(Collectors.toSet());
            assertThat(run.getString("status")).as(run.prettify()).isEqualTo("PARTIAL");
            assertThat(errored).isNotEmpty();
            assertThat(available).isNotEmpty();
            assertThat(inCloud).extracting(s -> s.get("volume_id")).doesNotHaveDuplicates();
            assertThat(run.getInt("counters.failed")).isEqualTo(errored.size());
            assertThat(run.getInt("counters.created")).isEqualTo(available.size());
            assertThat(run.getInt("counters.created") + run.getInt("counters.failed")).isEqualTo(volumes.size());
            assertThat(run.getString("errorSummary")).isNotBlank();

            int total = run.getInt("counters.totalVolumes");
            List<Map<String, Object>> records = Fixtures.awaitRecords(stack, runId, total);
            List<Map<String, Object>> failed = records.stream().filter(r -> "FAILED".equals(r.get("action"))).toList();
            assertThat(failed).extracting(r -> at(r, "snapshot.id")).containsExactlyInAnyOrderElementsOf(errored);
            assertThat(failed).allSatisfy(r -> assertThat((String) r.get("error") + r.get("reason")).isNotBlank());
            assertThat(records.stream().filter(r -> "CREATED".equals(r.get("action"))).map(r -> at(r, "snapshot.id")))
                    .containsExactlyInAnyOrderElementsOf(available);

            List<Map<String, Object>> failures = stack.as(DemoUser.VIEWER).queryParam("runId", runId)
                    .queryParam("limit", 200).get("/api/v1/records/failures").then().statusCode(200)
                    .extract().jsonPath().getList("items");
            assertThat(failures).extracting(r -> r.get("id"))
                    .containsExactlyInAnyOrderElementsOf(failed.stream().map(r -> r.get("id")).toList());
        } finally {
            Fixtures.delete(stack, ruleId, setId);
        }
    }
}
