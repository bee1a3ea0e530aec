package dev.snapshotmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.systemtests.harness.DemoUser;
import dev.snapshotmanager.systemtests.harness.SystemStack;
import dev.snapshotmanager.systemtests.harness.SystemStackExtension;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A new policy set and rule change what policy-service says about a volume, and it explains why. */
@ExtendWith(SystemStackExtension.class)
class PolicyResolutionSystemTest {

    static final String PROJECT = "demo-project-2";

    @Test
    void explainsWhichRuleGivesAVolumeItsPolicy(SystemStack stack) {
        List<Map<String, Object>> volumes = Fixtures.volumes(stack, PROJECT);
        Map<String, Object> hdd = untagged(volumes, "hdd");
        Map<String, Object> ssd = untagged(volumes, "ssd");
        String policy = Fixtures.unique("e2e_weekly").replace('-', '_');
        String setId = Fixtures.createPolicySet(stack, Fixtures.unique("e2e-resolution"), policy, "0 4 * * 0", 4);
        String ruleName = Fixtures.unique("e2e-resolution-hdd");
        String ruleId = Fixtures.createRule(stack, ruleName, 960, Map.of("projectName", "acme-data",
                "volumeType", List.of("hdd")), setId);
        try {
            JsonPath why = stack.as(DemoUser.TENANT_OPERATOR).get("/api/v1/volumes/" + hdd.get("id") + "/effective-policy")
                    .then().statusCode(200).extract().jsonPath();

            assertThat(why.getString("volumeId")).isEqualTo(hdd.get("id"));
            assertThat(why.getString("decidedBy")).isEqualTo("RULE");
            assertThat(why.getString("ruleId")).isEqualTo(ruleId);
            assertThat(why.getString("ruleName")).isEqualTo(ruleName);
            assertThat(why.getString("policySetId")).isEqualTo(setId);
            assertThat(why.getString("reason")).isNotBlank();
            assertThat(why.getList("policies.policyName")).containsExactly(policy);
            assertThat(why.getString("policies[0].cron")).isEqualTo("0 4 * * 0");
            assertThat(why.getInt("policies[0].retention.keepLast")).isEqualTo(4);
            assertThat(why.getString("policies[0].retentionSource")).isEqualTo("POLICY");

            JsonPath other = stack.as(DemoUser.VIEWER).get("/api/v1/volumes/" + ssd.get("id") + "/effective-policy")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(other.getString("ruleId")).as("an SSD volume does not match the rule").isNotEqualTo(ruleId);
            assertThat(other.getList("policies.policySetId")).doesNotContain(setId);

            assertThat(Fixtures.protectedBy(stack, PROJECT, setId, policy)).extracting(v -> v.get("id"))
                    .contains(hdd.get("id")).doesNotContain(ssd.get("id"));
            stack.as(DemoUser.TENANT_VIEWER).get("/api/v1/volumes/" + hdd.get("id") + "/effective-policy")
                    .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(403),
                            org.hamcrest.Matchers.is(404)));
        } finally {
            Fixtures.delete(stack, ruleId, setId);
        }
        JsonPath after = stack.as(DemoUser.VIEWER).get("/api/v1/volumes/" + hdd.get("id") + "/effective-policy")
                .then().statusCode(200).extract().jsonPath();
        assertThat(after.getString("ruleId")).as("the deleted rule decides nothing").isNotEqualTo(ruleId);
    }

    /**
     * policy-service publishes each volume's resolution and audit-service judges compliance against it: a volume a
     * rule gives a new weekly policy is PENDING for exactly that policy, and an exclusion makes it EXCLUDED, with the
     * exclusion's reason and end, although nothing about either ever passed through a snapshot run.
     */
    @Test
    void judgesComplianceByTheVolumesResolutionIncludingAnExclusion(SystemStack stack) {
        Map<String, Object> hdd = untagged(Fixtures.volumes(stack, PROJECT), "hdd");
        String volumeId = (String) hdd.get("id");
        String policy = Fixtures.unique("e2e_sunday").replace('-', '_');
        String setId = Fixtures.createPolicySet(stack, Fixtures.unique("e2e-compliance"), policy, "0 4 * * 0", 2);
        String ruleId = Fixtures.createRule(stack, Fixtures.unique("e2e-compliance-hdd"), 970,
                Map.of("projectName", "acme-data", "volumeType", List.of("hdd")), setId);
        Instant until = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        try {
            Map<String, Object> pending = awaitEntry(stack, volumeId, e -> setId.equals(e.get("policySetId")));
            assertThat(pending).containsEntry("status", "PENDING").containsEntry("source", "RULE")
                    .containsEntry("policyName", policy);
            assertThat(pending.get("resolvedAt")).as("judged by policy-service's resolution, not inferred").isNotNull();

            stack.as(DemoUser.ADMIN).body(Map.of("volumeId", volumeId, "volumeName", hdd.get("name"),
                    "projectId", PROJECT, "projectName", "acme-data", "reason", "e2e: storage migration window",
                    "expiresAt", until.toString())).post("/api/v1/exclusions").then().statusCode(201);

            Map<String, Object> excluded = awaitEntry(stack, volumeId, e -> "EXCLUDED".equals(e.get("status")));
            assertThat(excluded).containsEntry("source", "EXCLUSION")
                    .containsEntry("reason", "e2e: storage migration window");
            assertThat(Instant.parse((String) excluded.get("excludedUntil"))).isEqualTo(until);
            assertThat(entries(stack, volumeId)).as("an excluded volume is judged for no policy").hasSize(1);
        } finally {
            stack.as(DemoUser.ADMIN).delete("/api/v1/exclusions/" + volumeId);
            Fixtures.delete(stack, ruleId, setId);
        }
    }

    private static Map<String, Object> awaitEntry(SystemStack stack, String volumeId,
            Predicate<Map<String, Object>> wanted) {
        AtomicReference<Map<String, Object>> found = new AtomicReference<>();
        Awaitility.await("compliance of " + volumeId).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Optional<Map<String, Object>> entry = entries(stack, volumeId).stream().filter(wanted).findFirst();
                    assertThat(entry).isPresent();
                    found.set(entry.get());
                });
        return found.get();
    }

    private static List<Map<String, Object>> entries(SystemStack stack, String volumeId) {
        List<Map<String, Object>> items = stack.as(DemoUser.VIEWER).queryParam("projectId", PROJECT)
                .queryParam("limit", 1000).get("/api/v1/compliance").then().statusCode(200).extract().jsonPath()
                .getList("items");
        return items.stream().filter(e -> volumeId.equals(e.get("volumeId"))).toList();
    }

    @Test
    void explainsTheLegacyMetadataOfATaggedVolume(SystemStack stack) {
        Map<String, Object> tagged = Fixtures.volumes(stack, PROJECT).stream()
                .filter(v -> "daily_5".equals(metadata(v).get("snapshot_policies"))
                        && "true".equals(metadata(v).get("auto_snapshot")))
                .findFirst().orElseGet(() -> Fixtures.volumes(stack, "demo-project-1").stream()
                        .filter(v -> "daily_5".equals(metadata(v).get("snapshot_policies"))
                                && "true".equals(metadata(v).get("auto_snapshot"))).findFirst().orElseThrow());

        JsonPath why = stack.as(DemoUser.VIEWER).get("/api/v1/volumes/" + tagged.get("id") + "/effective-policy")
                .then().statusCode(200).extract().jsonPath();

        assertThat(why.getString("decidedBy")).isEqualTo("METADATA");
        assertThat(why.getList("policies.policyName")).containsExactly("daily_5");
        assertThat(why.getList("policies.policySetName")).containsExactly("standard");
    }

    private static Map<String, Object> untagged(List<Map<String, Object>> volumes, String type) {
        return volumes.stream().filter(v -> type.equals(v.get("volumeType")))
                .filter(v -> !metadata(v).containsKey("auto_snapshot") && !metadata(v).containsKey("snapshot_policy"))
                .findFirst().orElseThrow(() -> new AssertionError("no untagged " + type + " volume in " + PROJECT));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> metadata(Map<String, Object> volume) {
        Object metadata = volume.get("metadata");
        return metadata == null ? Map.of() : (Map<String, String>) metadata;
    }
}
