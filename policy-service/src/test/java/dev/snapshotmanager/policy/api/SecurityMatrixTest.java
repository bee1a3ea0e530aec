package dev.snapshotmanager.policy.api;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.asTenant;
import static dev.snapshotmanager.policy.Fixtures.globalSet;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static dev.snapshotmanager.policy.Fixtures.tenantSet;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DOMAIN.md's role table and tenant isolation, with real signed tokens. */
@QuarkusTest
class SecurityMatrixTest {

    private static final String SETS = "/api/v1/policy-sets";

    @Test
    void answers401WithoutAValidToken() {
        given().get(SETS).then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("eve", "admin")).get(SETS).then().statusCode(401);
        given().auth().oauth2(TestTokens.forged("eve", "admin")).get(SETS).then().statusCode(401);
    }

    @ParameterizedTest
    @CsvSource({"viewer,403", "operator,403", "admin,201", "superadmin,201"})
    void onlyAdminsCreatePolicySets(String role, int status) {
        as(role).body(globalSet().build()).post(SETS).then().statusCode(status);
    }

    @Test
    void deniesWithAProblemBody() {
        as("viewer").body(globalSet().build()).post(SETS).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void aTenantAdminManagesOnlyItsTenantsSets() {
        String mine = tenant();
        asTenant("admin", mine).body(tenantSet(mine).build()).post(SETS).then().statusCode(201)
                .body("createdBy", equalTo("bob-admin"));
        asTenant("admin", mine).body(tenantSet(tenant()).build()).post(SETS).then().statusCode(403)
                .contentType("application/problem+json");
        asTenant("admin", mine).body(globalSet().build()).post(SETS).then().statusCode(403);
    }

    @Test
    void aSuperadminWithATenantClaimStillManagesGlobalSets() {
        asTenant("superadmin", tenant()).body(globalSet().build()).post(SETS).then().statusCode(201);
    }

    @Test
    void tenantUsersSeeGlobalSetsReadOnly() {
        String global = globalSet().create();
        asTenant("admin", tenant()).get(SETS + "/" + global).then().statusCode(200);
        asTenant("admin", tenant()).body(Map.of("priority", 5)).patch(SETS + "/" + global).then().statusCode(403);
        asTenant("admin", tenant()).delete(SETS + "/" + global).then().statusCode(403);
    }

    @Test
    void tenantUsersDoNotSeeOtherTenantsSets() {
        String theirs = tenantSet(tenant()).create();
        String mine = tenant();
        String own = tenantSet(mine).create();
        asTenant("viewer", mine).get(SETS + "/" + theirs).then().statusCode(404);
        asTenant("viewer", mine).queryParam("limit", 500).get(SETS).then().statusCode(200)
                .body("items.id", hasItem(own))
                .body("items.id", not(hasItem(theirs)));
    }
}
