package dev.snapshotmanager.gateway;

import static dev.snapshotmanager.gateway.Callers.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

    @Test
    void rejectsAnApiCallWithoutTokenWith401ProblemNotARedirect() {
        given().redirects().follow(false).when().get("/api/v1/policy-sets")
                .then().statusCode(401)
                .header("Location", nullValue())
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/policy-sets"));
    }

    @Test
    void rejectsAForgedToken() {
        bearer(TestTokens.forged("mallory", "superadmin")).redirects().follow(false)
                .when().get("/api/v1/runs")
                .then().statusCode(401)
                .header("Location", nullValue())
                .contentType("application/problem+json");
    }

    @Test
    void rejectsAnExpiredToken() {
        bearer(TestTokens.expired("late", "admin")).redirects().follow(false)
                .when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsGarbageInTheAuthorizationHeader() {
        given().header("Authorization", "Bearer not-a-jwt").redirects().follow(false)
                .when().get("/api/v1/records")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void tellsAnAdminWhoItIsWithAllTenants() {
        bearer(TestTokens.forRole("alice", "admin")).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("name", equalTo("alice"))
                .body("roles", contains("viewer", "operator", "admin"))
                .body("tenants", nullValue())
                .body("allTenants", equalTo(true));
    }

    @Test
    void tellsATenantRestrictedViewerItsTenants() {
        bearer(TestTokens.forTenants("tina", "viewer", List.of("project-b", "project-a")))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("name", equalTo("tina"))
                .body("roles", contains("viewer"))
                .body("tenants", contains("project-a", "project-b"))
                .body("allTenants", equalTo(false));
    }

    @Test
    void leavesOperationsEndpointsPublic() {
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
