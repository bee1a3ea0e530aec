package dev.snapshotmanager.gateway;

import static dev.snapshotmanager.gateway.Callers.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitTest {

    private static int limit() {
        return ConfigProvider.getConfig().getValue("snapshot.gateway.rate-limit.requests", Integer.class);
    }

    @Test
    void answers429WithRetryAfterAndAProblemOnceACallerExceedsItsBudget() {
        String token = Callers.token("viewer");
        for (int i = 0; i < limit(); i++) {
            bearer(token).when().get("/api/v1/runs").then().statusCode(200);
        }
        Response rejected = bearer(token).when().get("/api/v1/runs");
        rejected.then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"));
        assertThat(Long.parseLong(rejected.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void countsEachCallerSeparately() {
        String greedy = Callers.token("operator");
        for (int i = 0; i <= limit(); i++) {
            bearer(greedy).when().get("/api/v1/me");
        }
        bearer(greedy).when().get("/api/v1/me").then().statusCode(429);
        Callers.as("operator").when().get("/api/v1/me").then().statusCode(200);
    }
}
