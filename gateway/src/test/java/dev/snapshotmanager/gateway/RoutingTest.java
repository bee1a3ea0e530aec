package dev.snapshotmanager.gateway;

import static dev.snapshotmanager.gateway.Callers.as;
import static dev.snapshotmanager.gateway.Callers.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class RoutingTest {

    @ParameterizedTest
    @CsvSource({
            "/api/v1/policy-sets, policy-service",
            "/api/v1/policy-sets/ps-1/policies, policy-service",
            "/api/v1/policies/p-1, policy-service",
            "/api/v1/templates, policy-service",
            "/api/v1/assignments?limit=5, policy-service",
            "/api/v1/rules/r-1, policy-service",
            "/api/v1/exclusions, policy-service",
            "/api/v1/resolutions/vol-1, policy-service",
            "/api/v1/volumes?cursor=abc, policy-service",
            "/api/v1/runs, run-service",
            "/api/v1/runs/r-1, run-service",
            "/api/v1/runs/r-1/cancel, run-service",
            "/api/v1/runs/r-1/records, audit-service",
            "/api/v1/records?status=FAILED, audit-service",
            "/api/v1/statistics/daily, audit-service",
            "/api/v1/timeline, audit-service",
            "/api/v1/compliance/summary, audit-service",
            "/api/v1/exports/records.csv, audit-service"
    })
    void routesEachPathToItsOwningService(String path, String service) {
        as("viewer").when().get(path)
                .then().statusCode(200)
                .body("upstream", equalTo(service))
                .body("uri", equalTo(path));
    }

    @Test
    void relaysTheCallersTokenAndMethodAndBody() {
        String token = Callers.token("admin");
        JsonPath echo = bearer(token).contentType("application/json").body("{\"name\":\"gold\"}")
                .when().post("/api/v1/policy-sets")
                .then().statusCode(200).extract().jsonPath();
        assertThat(echo.getString("method")).isEqualTo("POST");
        assertThat(echo.getString("headers.authorization")).isEqualTo("Bearer " + token);
        assertThat(echo.getLong("bodyBytes")).isEqualTo(15);
    }

    @Test
    void keepsTheCallersRequestId() {
        as("viewer").header("X-Request-Id", "trace-abc.123").when().get("/api/v1/runs")
                .then().statusCode(200)
                .header("X-Request-Id", "trace-abc.123")
                .body("headers.x-request-id", equalTo("trace-abc.123"));
    }

    @Test
    void addsARequestIdWhenNoneOrAnUnsafeOneIsGiven() {
        Response response = as("viewer").header("X-Request-Id", "bad id\u0001<script>").when().get("/api/v1/runs");
        String id = response.header("X-Request-Id");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(response.jsonPath().getString("headers.x-request-id")).isEqualTo(id);
        as("viewer").when().get("/api/v1/records").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void passesProblemAnswersThroughUnchanged() {
        String body = as("admin").queryParam("fake", "problem").when().post("/api/v1/policy-sets")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .extract().asString();
        assertThat(body).isEqualTo(
                "{\"type\":\"https://snapshot-manager.dev/problems/conflict\",\"title\":\"Conflict\",\"status\":409,"
                        + "\"detail\":\"A policy set with that name exists.\",\"instance\":\"/api/v1/policy-sets\","
                        + "\"conflictingId\":\"ps-42\"}");
    }

    @Test
    void doesNotSendSessionCookiesUpstream() {
        as("viewer").cookie("q_session", "something").when().get("/api/v1/runs")
                .then().statusCode(200)
                .body("headers.cookie", equalTo(null));
    }

    @Test
    void answersUnknownApiPathsWithAProblemBodyWithoutCallingAnyService() {
        as("viewer").when().get("/api/v1/policy-setsX")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void answers504WithAProblemWhenTheServiceDoesNotAnswerInTime() {
        long start = System.nanoTime();
        as("viewer").queryParam("fake", "silent").when().get("/api/v1/compliance")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("status", equalTo(504))
                .body("detail", equalTo("The service behind this path did not answer within 2 s."))
                .body("instance", equalTo("/api/v1/compliance"));
        // the test profile's snapshot.gateway.upstream-response-timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    @Test
    void answers502WithAProblemWhenTheServiceDropsTheConnection() {
        as("viewer").queryParam("fake", "reset").when().get("/api/v1/timeline")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("status", equalTo(502))
                .body("instance", equalTo("/api/v1/timeline"));
    }
}
