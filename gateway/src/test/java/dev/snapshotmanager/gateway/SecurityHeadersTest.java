package dev.snapshotmanager.gateway;

import static dev.snapshotmanager.gateway.Callers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityHeadersTest {

    @TestHTTPResource("/")
    URI gateway;

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

    @Test
    void rejectsABodyOfUnknownLengthWith411Problem() throws Exception {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpResponse<String> response = bodyOfUnknownLength(HttpClient.newBuilder().version(version).build());
            assertThat(response.statusCode()).as(version.name()).isEqualTo(411);
            assertThat(response.body()).contains("\"status\":411");
        }
    }

    private HttpResponse<String> bodyOfUnknownLength(HttpClient client) throws Exception {
        return client.send(
                HttpRequest.newBuilder(gateway.resolve("/api/v1/policy-sets"))
                        .header("Authorization", "Bearer " + Callers.token("admin"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSecurityHeaders(ValidatableResponse response) {
        response.header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Request-Id", notNullValue());
    }
}
