package dev.snapshotmanager.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.snapshotmanager.testsupport.keycloak.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tokens issued by the real Keycloak (realm deploy/keycloak/realm.json) through the gateway. */
@QuarkusTest
class KeycloakTokensTest {

    @ParameterizedTest
    @CsvSource({
            "viewer, demo-viewer, viewer",
            "operator, demo-operator, viewer|operator",
            "admin, demo-admin, viewer|operator|admin",
            "superadmin, demo-superadmin, viewer|operator|admin|superadmin"
    })
    void acceptsEachDemoUsersTokenWithItsRolesAndAllTenants(String user, String password, String roles) {
        given().header("Authorization", "Bearer " + KeycloakTokens.forUser(user, password))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("name", equalTo(user))
                .body("roles", contains((Object[]) roles.split("\\|")))
                .body("tenants", nullValue())
                .body("allTenants", equalTo(true));
    }

    @Test
    void readsTheTenantClaimOfATenantRestrictedUser() {
        given().header("Authorization", "Bearer " + KeycloakTokens.forUser("tenant-operator", "demo-tenant-operator"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("name", equalTo("tenant-operator"))
                .body("roles", contains("viewer", "operator"))
                .body("tenants", contains("demo-project-1", "demo-project-2"))
                .body("allTenants", equalTo(false));
        given().header("Authorization", "Bearer " + KeycloakTokens.forUser("tenant-viewer", "demo-tenant-viewer"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("tenants", contains("demo-project-1"));
    }

    @Test
    void acceptsThePlatformToolsClientCredentialsToken() {
        given().header("Authorization", "Bearer "
                        + KeycloakTokens.forClient("snapshot-platform-tool", "demo-only-platform-tool-secret"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("name", equalTo("service-account-snapshot-platform-tool"))
                .body("roles", contains("viewer", "operator"));
    }

    @Test
    void relaysTheKeycloakTokenToTheService() {
        String token = KeycloakTokens.forUser("operator", "demo-operator");
        String relayed = given().header("Authorization", "Bearer " + token)
                .when().get("/api/v1/assignments")
                .then().statusCode(200)
                .body("upstream", equalTo("policy-service"))
                .extract().path("headers.authorization");
        assertThat(relayed).isEqualTo("Bearer " + token);
    }

    @Test
    void rejectsATamperedKeycloakToken() {
        String[] parts = KeycloakTokens.forUser("viewer", "demo-viewer").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"", "\"superadmin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().header("Authorization", "Bearer " + forged).redirects().follow(false)
                .when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }
}
