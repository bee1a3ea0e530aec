package dev.snapshotmanager.policy.api;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.asTenant;
import static dev.snapshotmanager.policy.Fixtures.globalSet;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.snapshotmanager.policy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RuleResourceTest {

    private static final String RULES = "/api/v1/rules";

    @Test
    void createsRulesWithUniqueNamesPerScope() {
        String set = globalSet().create();
        List<String> prefixes = List.of(Fixtures.unique("db"), Fixtures.unique("sql"));
        Map<String, Object> body = Map.of("name", Fixtures.unique("rule"), "priority", 10, "policySetId", set,
                "match", Map.of("volumeNamePrefix", prefixes, "bootable", false));
        String id = as("admin").body(body).post(RULES).then().statusCode(201)
                .body("match.volumeNamePrefix", equalTo(prefixes))
                .extract().path("id");
        as("admin").body(body).post(RULES).then().statusCode(409).body("conflictingId", equalTo(id));
        as("admin").body(Map.of("priority", 2000)).patch(RULES + "/" + id).then().statusCode(422)
                .body("violations.field", hasItem("priority"));
    }

    @Test
    void aRuleDetachedByAForcedSetDeleteCanStillBeDisabledButNotGivenNoSetAnew() {
        String set = globalSet().create();
        String id = as("admin").body(Map.of("name", Fixtures.unique("rule"), "priority", 5, "policySetId", set))
                .post(RULES).then().statusCode(201).extract().path("id");
        as("admin").queryParam("force", true).delete("/api/v1/policy-sets/" + set).then().statusCode(204);

        as("admin").body(Map.of("enabled", false, "priority", 7)).patch(RULES + "/" + id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("priority", equalTo(7)).body("policySetId", nullValue());
        as("admin").body(Map.of("autoSnapshot", true)).patch(RULES + "/" + id).then().statusCode(422)
                .body("violations.field", hasItem("policySetId"));
    }

    @Test
    void globalRulesNeedAnAdminWithoutTenantClaim() {
        String set = globalSet().create();
        asTenant("admin", tenant()).body(Map.of("name", Fixtures.unique("r"), "policySetId", set)).post(RULES)
                .then().statusCode(403);
        as("operator").body(Map.of("name", Fixtures.unique("r"), "policySetId", set)).post(RULES)
                .then().statusCode(403);
        String mine = tenant();
        asTenant("admin", mine).body(Map.of("name", Fixtures.unique("r"), "tenantId", mine, "policySetId", set))
                .post(RULES).then().statusCode(201);
    }

    @Test
    void testsWhichRuleWouldDecide() {
        String project = tenant();
        String set = globalSet().create();
        String low = as("admin").body(Map.of("name", Fixtures.unique("low"), "tenantId", project, "priority", 1,
                "policySetId", set)).post(RULES).then().statusCode(201).extract().path("id");
        String high = as("admin").body(Map.of("name", Fixtures.unique("high"), "tenantId", project, "priority", 900,
                "match", Map.of("metadataEquals", Map.of("env", "prod")), "policySetId", set))
                .post(RULES).then().statusCode(201).extract().path("id");
        Map<String, Object> prod = Map.of("id", "v1", "projectId", project, "metadata", Map.of("env", "prod"));
        as("viewer").body(Map.of("volume", prod)).post(RULES + "/test").then().statusCode(200)
                .body("decidingRuleId", equalTo(high)).body("matchingRuleIds", equalTo(List.of(high, low)));
        as("viewer").body(Map.of("volume", Map.of("id", "v2", "projectId", project), "ruleId", high))
                .post(RULES + "/test").then().statusCode(200).body("decidingRuleId", nullValue());
    }

    @Test
    void importsTheLegacyRulesFile() {
        String project = tenant();
        String prefix = Fixtures.unique("legacy");
        List<Map<String, Object>> file = List.of(
                Map.of("name", prefix + " Prod DBs", "priority", 10,
                        "match", Map.of("tenant_name", List.of("acme", "beta"), "volume_name_prefix", "db_",
                                "metadata_equals", Map.of("env", "prod")),
                        "policies", List.of("daily_5", "monthly_1st", "weekly_9"),
                        "retention", Map.of("daily_5", 7), "auto_snapshot", true),
                Map.of("name", prefix + "-scratch", "priority", 5, "match", Map.of("volume_name_contains", "tmp"),
                        "auto_snapshot", false));
        var report = as("admin").queryParam("tenantId", project).body(file).post(RULES + "/import").then()
                .statusCode(200).body("rules", hasSize(2)).body("policySets", hasSize(1))
                .body("warnings", hasItem(org.hamcrest.Matchers.containsString("weekly_9"))).extract();
        String setId = report.path("policySets[0].id");
        as("viewer").get("/api/v1/policy-sets/" + setId).then().statusCode(200)
                .body("scope", equalTo("TENANT")).body("tenantId", equalTo(project))
                .body("policies.name", equalTo(List.of("daily_5", "monthly_1st")))
                .body("policies[0].keepLast", equalTo(7));
        String dbRule = report.path("rules[0].id");
        as("viewer").get(RULES + "/" + dbRule).then().statusCode(200)
                .body("priority", equalTo(990))
                .body("match.projectName", equalTo(List.of("acme", "beta")))
                .body("match.metadataEquals.env", equalTo(List.of("prod")));
        as("viewer").get(RULES + "/" + report.path("rules[1].id")).then()
                .body("autoSnapshot", equalTo(false)).body("priority", equalTo(995));
    }
}
