package dev.snapshotmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.systemtests.harness.DemoUser;
import dev.snapshotmanager.systemtests.harness.SystemStack;
import dev.snapshotmanager.systemtests.harness.SystemStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Nobody asks for this run: run-service's scheduler fires an every-minute policy at its cron slot. */
@ExtendWith(SystemStackExtension.class)
@ResourceLock(value = SystemStack.EMULATOR_FAULTS, mode = ResourceAccessMode.READ)
class ScheduledRunSystemTest {

    static final String PROJECT = "demo-project-1";

    @Test
    void firesARunAtTheNextCronSlotAndSnapshotsTheVolumesOfThatSlot(SystemStack stack) {
        List<Map<String, Object>> two = Fixtures.volumes(stack, PROJECT).stream()
                .filter(v -> "available".equals(v.get("status")) || "in-use".equals(v.get("status")))
                .filter(v -> !metadataOf(v).containsKey("auto_snapshot") && !metadataOf(v).containsKey("snapshot_policy"))
                .filter(v -> !((String) v.get("name")).contains("scratch")).limit(2).toList();
        assertThat(two).hasSize(2);
        List<String> names = two.stream().map(v -> (String) v.get("name")).toList();
        List<String> ids = two.stream().map(v -> (String) v.get("id")).toList();
        String policy = Fixtures.unique("e2e_minutely").replace('-', '_');
        Instant created = Instant.now();
        String setId = Fixtures.createPolicySet(stack, Fixtures.unique("e2e-scheduled"), policy, "* * * * *", 2);
        String ruleId = Fixtures.createRule(stack, Fixtures.unique("e2e-scheduled-two"), 953,
                Map.of("projectName", "acme-web", "volumeNamePrefix", names), setId);
        try {
            AtomicReference<Map<String, Object>> fired = new AtomicReference<>();
            Awaitility.await("a scheduled run of " + policy + " completes").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        List<Map<String, Object>> runs = stack.as(DemoUser.VIEWER).queryParam("policySetId", setId)
                                .queryParam("trigger", "SCHEDULED").get("/api/v1/runs").then().statusCode(200)
                                .extract().jsonPath().getList("items");
                        // A MISSED slot (none expected) would not be the fired run this test waits for.
                        runs.stream().filter(r -> Fixtures.FINAL.contains(r.get("status")))
                                .filter(r -> !"MISSED".equals(r.get("status"))).findFirst()
                                .ifPresent(fired::set);
                        return fired.get() != null;
                    });
            Map<String, Object> run = fired.get();
            String runId = (String) run.get("id");
            Instant slot = Instant.parse((String) run.get("slot"));

            assertThat(run).as(run.toString()).containsEntry("status", "COMPLETED").containsEntry("trigger", "SCHEDULED")
                    .containsEntry("dryRun", false);
            assertThat(slot).as("a cron slot: a whole minute after the policy was made")
                    .isEqualTo(slot.truncatedTo(ChronoUnit.MINUTES)).isAfter(created.truncatedTo(ChronoUnit.MINUTES)
                            .minusSeconds(1));
            assertThat(Fixtures.at(run, "counters.created")).isEqualTo(2);
            List<Map<String, Object>> snapshots = Fixtures.snapshotsOfRun(stack, PROJECT, runId);
            assertThat(snapshots).extracting(s -> s.get("volume_id")).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(snapshots).allSatisfy(s -> assertThat(Instant.parse(Fixtures.metadata(s).get("slot")))
                    .isEqualTo(slot));
        } finally {
            Fixtures.delete(stack, ruleId, setId);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> metadataOf(Map<String, Object> volume) {
        Object metadata = volume.get("metadata");
        return metadata == null ? Map.of() : (Map<String, String>) metadata;
    }
}
