package dev.snapshotmanager.gateway;

import static dev.snapshotmanager.gateway.Callers.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityHeadersTest {

    @Test
    void setsSecurityHeadersOnProxiedAnswers() {
        assertSecurityHeaders(as("viewer").when().get("/api/v1/runs").then().statusCode(200));
    }

    @Test
    void setsSecurityHeadersOnTheGatewaysOwnAnswersAndErrors() {
        assertSecurityHeaders(given().when().get("/").then().statusCode(200));
        assertSecurityHeaders(given().when().get("/api/v1/runs").then().statusCode(401));
    }

    @Test
    void sendsNoStrictTransportSecurityOverPlainHttp() {
        as("viewer").when().get("/api/v1/runs").then().header("Strict-Transport-Security", nullValue());
    }

    @Test
    void allowsNoCrossOriginCalls() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/runs")
                .then().header("Access-Control-Allow-Origin", nullValue());
        as("viewer").header("Origin", "https://evil.example").when().get("/api/v1/runs")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void rejectsABodyOverTheSizeLimitWith413Problem() {
        as("admin").contentType("application/json").body(new byte[2 * 1024 * 1024])
                .when().post("/api/v1/policy-sets")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    private static void assertSecurityHeaders(ValidatableResponse response) {
        response.header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
    }
}
