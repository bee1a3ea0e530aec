package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;

import dev.snapshotmanager.run.service.PolicyProjection;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Requests runs through the API for tests: each of a fresh, known policy, so none conflicts with another. */
@Singleton
public class Runs {

    static final String ADMIN = TestTokens.forRole("alice", "admin");

    @Inject
    PolicyProjection projection;

    /** A known (projected) fresh policy set. */
    Fixtures.PolicySet knownPolicy() {
        return knownPolicy(Fixtures.policySet());
    }

    /** Makes the policy set known (as if policy-service had announced it). */
    Fixtures.PolicySet knownPolicy(Fixtures.PolicySet set) {
        projection.apply(set.event());
        return set;
    }

    /** A real run of a fresh policy, requested by an admin; its id. */
    UUID request() {
        return request(knownPolicy(), false);
    }

    UUID request(Fixtures.PolicySet set, boolean dryRun) {
        return request(Fixtures.runRequest(set, dryRun));
    }

    /** A run requested by an admin (without tenant claim) with this body; its id. */
    UUID request(Object body) {
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/runs").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }
}
