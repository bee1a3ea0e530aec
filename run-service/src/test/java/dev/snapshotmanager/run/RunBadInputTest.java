package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.snapshotmanager.run.service.PolicyProjection;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Input run-service cannot take is a 4xx {@code application/problem+json} that says what is wrong, never a 500, and
 * requests no run: NUL characters (PostgreSQL refuses them in text), instants beyond PostgreSQL's range, JSON of the
 * wrong type, a cancel reason beyond the request reason's limit.
 */
@QuarkusTest
class RunBadInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    PolicyProjection projection;

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.forRole("alice", "admin")).contentType(ContentType.JSON)
                .urlEncodingEnabled(false);
    }

    private Fixtures.PolicySet knownPolicy() {
        Fixtures.PolicySet set = Fixtures.policySet();
        projection.apply(set.event());
        return set;
    }

    @Test
    void rejectsANulCharacterInAQueryParameterNamingIt() {
        for (String parameter : List.of("policyName", "tenant")) {
            admin().get("/api/v1/runs?" + parameter + "=a%00b").then().statusCode(400).contentType(PROBLEM)
                    .body("detail", containsString("'" + parameter + "'"));
        }
        String run = admin().body(Fixtures.runRequest(knownPolicy(), true)).post("/api/v1/runs")
                .then().statusCode(202).extract().path("id");
        admin().post("/api/v1/runs/" + run + "/cancel?reason=a%00b").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'reason'"));
        admin().get("/api/v1/runs/" + run).then().statusCode(200).body("status", equalTo("REQUESTED"));
    }

    @Test
    void answersAQueryParameterThatCannotBeReadWithBadRequest() {
        for (String query : List.of("limit=abc", "limit=99999999999", "policySetId=not-a-uuid", "status=FOO",
                "trigger=FOO", "dryRun=yes", "dryRun=ture")) {
            admin().get("/api/v1/runs?" + query).then().statusCode(400).contentType(PROBLEM);
        }
        admin().get("/api/v1/no-such-resource").then().statusCode(404).contentType(PROBLEM);
        admin().get("/api/v1/runs?dryRun=TRUE").then().statusCode(200);
        admin().get("/api/v1/runs?dryRun=").then().statusCode(200);
    }

    @Test
    void rejectsANulCharacterInTheRequestBodyNamingTheFieldAndRequestsNoRun() {
        Fixtures.PolicySet set = knownPolicy();
        Map<String, Object> policy = Map.of("policySetId", set.id.toString(), "policyName", "hourly\u0000");
        Map<String, Object> reason = new LinkedHashMap<>(Fixtures.runRequest(set, true));
        reason.put("reason", "r\u0000");
        Map<String, Object> scope = new LinkedHashMap<>(Fixtures.runRequest(set, true));
        scope.put("scope", Map.of("volumeIds", List.of("v\u0000")));
        Map<String, Object> name = new LinkedHashMap<>(Fixtures.runRequest(set, true));
        name.put("policy", policy);
        Map<Map<String, Object>, String> fields = Map.of(name, "'policy.policyName'", reason, "'reason'", scope,
                "'scope.volumeIds[0]'");
        fields.forEach((body, field) -> admin().body(body).post("/api/v1/runs").then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString(field)));
        admin().get("/api/v1/runs?policySetId=" + set.id).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void rejectsInstantsBeyondPostgresqlsRange() {
        for (String query : List.of("from=%2B300000-01-01T00:00:00Z", "to=-300000-01-01T00:00:00Z")) {
            admin().get("/api/v1/runs?" + query).then().statusCode(400).contentType(PROBLEM)
                    .body("detail", containsString(query.substring(0, query.indexOf('='))));
        }
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("+300000-01-01T00:00:00Z|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        admin().get("/api/v1/runs?cursor=" + cursor).then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("invalid cursor"));
    }

    @Test
    void answersAWrongJsonTypeOrUnknownTriggerWithAProblemNamingTheField() {
        Map<String, Object> trigger = new LinkedHashMap<>(Fixtures.runRequest(knownPolicy(), true));
        trigger.put("trigger", "manual");
        admin().body(trigger).post("/api/v1/runs").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'trigger'"));
        admin().body("{\"dryRun\":true,\"policy\":{\"policySetId\":\"x\",\"policyName\":\"p\"}}")
                .post("/api/v1/runs").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'policy.policySetId'"));
        admin().body("[]").post("/api/v1/runs").then().statusCode(400).contentType(PROBLEM);
        Map<String, Object> numericDryRun = new LinkedHashMap<>(Fixtures.runRequest(knownPolicy(), true));
        numericDryRun.put("dryRun", 1); // Jackson's default read it as true
        admin().body(numericDryRun).post("/api/v1/runs").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'dryRun'"));
        Map<String, Object> numericReason = new LinkedHashMap<>(Fixtures.runRequest(knownPolicy(), true));
        numericReason.put("reason", 5); // Jackson's default read it as "5"
        admin().body(numericReason).post("/api/v1/runs").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'reason'"));
    }

    @Test
    void rejectsACancelReasonLongerThanARequestReason() {
        String run = admin().body(Fixtures.runRequest(knownPolicy(), true)).post("/api/v1/runs")
                .then().statusCode(202).extract().path("id");
        admin().post("/api/v1/runs/" + run + "/cancel?reason=" + "r".repeat(1001)).then().statusCode(400)
                .contentType(PROBLEM).body("violations.field", hasItem("reason"));
        admin().get("/api/v1/runs/" + run).then().statusCode(200).body("status", equalTo("REQUESTED"));
    }
}
