package dev.snapshotmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.snapshotmanager.systemtests.harness.DemoUser;
import dev.snapshotmanager.systemtests.harness.SystemStack;
import dev.snapshotmanager.systemtests.harness.SystemStackExtension;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stack as {@code ./snapshot-manager up} leaves it: demo policy sets and rules seeded, the gateway secured. */
@ExtendWith(SystemStackExtension.class)
class DemoSeedSystemTest {

    @Test
    void seedsTheDemoPolicySetsAndRules(SystemStack stack) {
        assertThat(stack.seedReport()).as("seed report, one line per step of demo-seed.json").isNotEmpty()
                .allMatch(line -> line.startsWith("created") || line.startsWith("exists"));

        JsonPath sets = stack.as(DemoUser.VIEWER).queryParam("limit", 200).get("/api/v1/policy-sets")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> standard = sets.getMap("items.find { it.name == 'standard' }");
        assertThat(standard).as("policy set 'standard'").isNotNull().containsEntry("scope", "GLOBAL");
        assertThat(sets.getList("items.find { it.name == 'standard' }.policies.name", String.class))
                .containsExactlyInAnyOrder("daily_5", "monthly_1st");
        assertThat(sets.getList("items.find { it.name == 'frequent' }.policies.name", String.class))
                .containsExactly("hourly_24");
        assertThat(sets.getMap("items.find { it.name == 'acme-web-default' }")).containsEntry("scope", "TENANT")
                .containsEntry("tenantId", "demo-project-1").containsEntry("autoApply", true);

        JsonPath rules = stack.as(DemoUser.VIEWER).queryParam("limit", 200).get("/api/v1/rules")
                .then().statusCode(200).extract().jsonPath();
        List<String> names = rules.getList("items.name", String.class);
        assertThat(names).contains("boot-volumes-hourly", "globex-prod-standard", "no-scratch");
        assertThat(rules.getString("items.find { it.name == 'globex-prod-standard' }.policySetId"))
                .isEqualTo(standard.get("id"));
    }

    @Test
    void letsNoCallWithoutAValidTokenThrough(SystemStack stack) {
        stack.anonymous().get("/api/v1/policy-sets").then().statusCode(401);
        stack.anonymous().auth().oauth2("not-a-token").get("/api/v1/runs").then().statusCode(401);
        stack.as(DemoUser.VIEWER).body("{\"name\":\"x\",\"scope\":\"GLOBAL\",\"policies\":[]}")
                .post("/api/v1/policy-sets").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void acceptsTheClientCredentialsOfAnotherPlatformTool(SystemStack stack) {
        io.restassured.RestAssured.given().baseUri(stack.gatewayUrl()).auth().oauth2(stack.tokens().platformTool())
                .get("/api/v1/runs").then().statusCode(200).body("items", org.hamcrest.Matchers.notNullValue());
    }
}
