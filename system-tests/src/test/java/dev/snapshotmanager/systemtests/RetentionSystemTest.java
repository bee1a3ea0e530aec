package dev.snapshotmanager.systemtests;

import static dev.snapshotmanager.systemtests.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Retention on a second run: keep-last 1 deletes the first run's snapshots and audits each deletion. */
@ExtendWith(SystemStackExtension.class)
@ResourceLock(value = SystemStack.EMULATOR_FAULTS, mode = ResourceAccessMode.READ)
class RetentionSystemTest {

    static final String PROJECT = "demo-project-3";

    @Test
    void deletesAndAuditsTheOlderSnapshotsOnTheSecondRun(SystemStack stack) {
        String policy = Fixtures.unique("e2e_keep1").replace('-', '_');
        String setId = Fixtures.createPolicySet(stack, Fixtures.unique("e2e-retention"), policy, "0 5 * * *", 1);
        String ruleId = Fixtures.createRule(stack, Fixtures.unique("e2e-retention-hdd"), 951,
                Map.of("projectName", "globex-prod", "volumeType", "hdd"), setId);
        try {
            Set<String> volumes = Fixtures.protectedBy(stack, PROJECT, setId, policy).stream()
                    .filter(v -> "available".equals(v.get("status")) || "in-use".equals(v.get("status")))
                    .map(v -> (String) v.get("id")).collect(Collectors.toSet());
            assertThat(volumes).as("HDD volumes of globex-prod").hasSizeGreaterThan(2);

            String first = Fixtures.requestRun(stack, setId, policy, PROJECT);
            assertThat(Fixtures.awaitFinished(stack, first, Duration.ofMinutes(2)).getString("status"))
                    .isEqualTo("COMPLETED");
            Map<String, String> firstSnapshots = Fixtures.snapshotsOfRun(stack, PROJECT, first).stream()
                    .collect(Collectors.toMap(s -> (String) s.get("volume_id"), s -> (String) s.get("id")));
            assertThat(firstSnapshots).containsOnlyKeys(volumes);

            String second = Fixtures.requestRun(stack, setId, policy, PROJECT);
            JsonPath run = Fixtures.awaitFinished(stack, second, Duration.ofMinutes(2));

            assertThat(run.getString("status")).as(run.prettify()).isEqualTo("COMPLETED");
            assertThat(run.getInt("counters.created")).isEqualTo(volumes.size());
            assertThat(run.getInt("counters.deleted")).isEqualTo(volumes.size());
            int total = run.getInt("counters.totalVolumes");
            List<Map<String, Object>> records = Fixtures.awaitRecords(stack, second, total + volumes.size());
            List<Map<String, Object>> deleted = records.stream().filter(r -> "DELETED".equals(r.get("action"))).toList();
            assertThat(deleted).extracting(r -> at(r, "volume.id")).containsExactlyInAnyOrderElementsOf(volumes);
            assertThat(deleted).extracting(r -> at(r, "snapshot.id"))
                    .containsExactlyInAnyOrderElementsOf(firstSnapshots.values());
            assertThat(deleted).allSatisfy(r -> assertThat(at(r, "retention.keepLast")).isEqualTo(1));
            assertThat(records.stream().filter(r -> "CREATED".equals(r.get("action"))).map(r -> at(r, "volume.id")))
                    .containsExactlyInAnyOrderElementsOf(volumes);

            org.awaitility.Awaitility.await("the first run's snapshots are gone from the cloud")
                    .atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(Fixtures.snapshotsOfRun(stack, PROJECT, first)).isEmpty());
            assertThat(Fixtures.snapshotsOfRun(stack, PROJECT, second)).extracting(s -> s.get("volume_id"))
                    .containsExactlyInAnyOrderElementsOf(volumes);
        } finally {
            Fixtures.delete(stack, ruleId, setId);
        }
    }
}
