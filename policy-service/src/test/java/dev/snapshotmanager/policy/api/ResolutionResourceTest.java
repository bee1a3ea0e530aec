package dev.snapshotmanager.policy.api;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.asTenant;
import static dev.snapshotmanager.policy.Fixtures.policy;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static dev.snapshotmanager.policy.Fixtures.tenantSet;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.snapshotmanager.policy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resolution endpoint over state created through the API (real PostgreSQL). */
@QuarkusTest
class ResolutionResourceTest {

    private static Map<String, Object> volume(String id, String project, Map<String, String> metadata) {
        return Map.of("id", id, "name", "db-" + id, "projectId", project, "projectName", "acme", "sizeGb", 50,
                "bootable", false, "metadata", metadata);
    }

    @Test
    void resolvesEachVolumeByTheFirstDecidingStep() {
        String project = tenant();
        String defaults = tenantSet(project).with("autoApply", true).policy(policy("nightly")).create();
        String gold = tenantSet(project).policy(policy("gold").with("keepLast", 30)).create();
        String rule = as("admin").body(Map.of("name", Fixtures.unique("rule"), "tenantId", project, "priority", 500,
                "match", Map.of("volumeNameContains", "rule"), "policySetId", gold)).post("/api/v1/rules")
                .then().statusCode(201).extract().path("id");
        String excluded = Fixtures.unique("excluded");
        String assigned = Fixtures.unique("assigned-rule");
        as("operator").body(Map.of("volumeId", excluded, "projectId", project, "reason", "legal hold"))
                .post("/api/v1/exclusions").then().statusCode(201);
        as("operator").body(Map.of("volumeId", assigned, "projectId", project, "policySetId", gold,
                "retentionOverrides", Map.of("gold", Map.of("maxAge", "P7D")))).post("/api/v1/assignments")
                .then().statusCode(201);

        var response = as("viewer").body(Map.of("volumes", List.of(
                volume(excluded, project, Map.of()),
                volume(assigned, project, Map.of()),
                volume(Fixtures.unique("meta"), project, Map.of("auto_snapshot", "False")),
                volume(Fixtures.unique("rule"), project, Map.of()),
                volume(Fixtures.unique("plain"), project, Map.of()),
                volume(Fixtures.unique("elsewhere"), tenant(), Map.of()))))
                .post("/api/v1/resolutions").then().statusCode(200).body("items", hasSize(6));
        response.body("items[0].decidedBy", equalTo("EXCLUSION")).body("items[0].reason", equalTo("legal hold"))
                .body("items[1].decidedBy", equalTo("ASSIGNMENT"))
                .body("items[1].policies[0].retention.maxAge", equalTo("P7D"))
                .body("items[1].policies[0].retentionSource", equalTo("ASSIGNMENT"))
                .body("items[2].decidedBy", equalTo("METADATA")).body("items[2].policies", hasSize(0))
                .body("items[3].decidedBy", equalTo("RULE")).body("items[3].ruleId", equalTo(rule))
                .body("items[3].policies[0].policyName", equalTo("gold"))
                .body("items[4].decidedBy", equalTo("TENANT_SET")).body("items[4].policySetId", equalTo(defaults))
                .body("items[4].policies[0].cron", equalTo("0 2 * * *"));
    }

    @Test
    void anExpiredExclusionNoLongerDecides() {
        String project = tenant();
        tenantSet(project).with("autoApply", true).create();
        String volume = Fixtures.unique("vol");
        as("operator").body(Map.of("volumeId", volume, "projectId", project, "reason", "short",
                "expiresAt", Instant.now().plusSeconds(3600).toString())).post("/api/v1/exclusions")
                .then().statusCode(201);
        as("operator").body(Map.of("expiresAt", Instant.now().minusSeconds(60).toString()))
                .patch("/api/v1/exclusions/" + volume).then().statusCode(200).body("active", equalTo(false));
        as("viewer").body(Map.of("volumes", List.of(volume(volume, project, Map.of()))))
                .post("/api/v1/resolutions").then().statusCode(200).body("items[0].decidedBy", equalTo("TENANT_SET"));
        as("viewer").get("/api/v1/exclusions?projectId=" + project).then().body("items", hasSize(0));
        as("viewer").get("/api/v1/exclusions?includeExpired=true&projectId=" + project).then()
                .body("items", hasSize(1));
    }

    @Test
    void refusesMoreThanTenThousandVolumes() {
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            volumes.add(Map.of("id", "v" + i, "projectId", "p"));
        }
        as("viewer").body(Map.of("volumes", volumes)).post("/api/v1/resolutions").then().statusCode(422)
                .body("violations.field", hasItem("volumes"));
    }

    @Test
    void anotherTenantsExclusionOfTheSameVolumeIdNeitherDecidesNorShows() {
        String mine = tenant();
        String theirs = tenant();
        String volume = Fixtures.unique("vol");
        String exclusion = asTenant("operator", theirs).body(Map.of("volumeId", volume, "projectId", theirs,
                "reason", "their secret maintenance")).post("/api/v1/exclusions").then().statusCode(201)
                .extract().path("id");

        asTenant("viewer", mine).body(Map.of("volumes", List.of(volume(volume, mine, Map.of()))))
                .post("/api/v1/resolutions").then().statusCode(200)
                .body("items[0].decidedBy", not(equalTo("EXCLUSION"))).body("items[0].exclusionId", nullValue())
                .body("items[0].reason", not(containsString("secret")));
        asTenant("viewer", theirs).body(Map.of("volumes", List.of(volume(volume, theirs, Map.of()))))
                .post("/api/v1/resolutions").then().statusCode(200)
                .body("items[0].decidedBy", equalTo("EXCLUSION")).body("items[0].exclusionId", equalTo(exclusion));
    }

    @Test
    void aTenantUserResolvesOnlyItsTenantsVolumes() {
        String mine = tenant();
        asTenant("viewer", mine).body(Map.of("volumes", List.of(volume("a", mine, Map.of()))))
                .post("/api/v1/resolutions").then().statusCode(200);
        asTenant("viewer", mine).body(Map.of("volumes", List.of(volume("b", tenant(), Map.of()))))
                .post("/api/v1/resolutions").then().statusCode(403);
    }
}
