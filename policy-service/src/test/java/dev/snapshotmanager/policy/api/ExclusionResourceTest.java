package dev.snapshotmanager.policy.api;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.asTenant;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.snapshotmanager.policy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExclusionResourceTest {

    private static final String EXCLUSIONS = "/api/v1/exclusions";

    @Test
    void excludesAVolumeOnceWithAReason() {
        String volume = Fixtures.unique("vol");
        Map<String, Object> body = Map.of("volumeId", volume, "projectId", tenant(), "reason", "being migrated");
        String id = as("operator").body(body).post(EXCLUSIONS).then().statusCode(201)
                .header("Location", endsWith(EXCLUSIONS + "/" + volume))
                .body("active", equalTo(true)).body("createdBy", equalTo("alice-operator"))
                .extract().path("id");
        as("operator").body(body).post(EXCLUSIONS).then().statusCode(409).body("conflictingId", equalTo(id));
        as("operator").header("If-Match", "\"5\"").body(Map.of("reason", "x")).patch(EXCLUSIONS + "/" + volume)
                .then().statusCode(412);
        as("operator").delete(EXCLUSIONS + "/" + volume).then().statusCode(204);
        as("viewer").get(EXCLUSIONS + "/" + volume).then().statusCode(404);
    }

    @Test
    void requiresAReasonAndAFutureExpiry() {
        as("operator").body(Map.of("volumeId", Fixtures.unique("vol"), "projectId", tenant(),
                "expiresAt", Instant.now().minusSeconds(5).toString())).post(EXCLUSIONS).then().statusCode(422)
                .body("violations.field", hasItem("reason")).body("violations.field", hasItem("expiresAt"));
    }

    @Test
    void onlyOperatorsOfTheVolumesTenantExclude() {
        String mine = tenant();
        as("viewer").body(Map.of("volumeId", Fixtures.unique("vol"), "projectId", mine, "reason", "r"))
                .post(EXCLUSIONS).then().statusCode(403);
        asTenant("operator", mine).body(Map.of("volumeId", Fixtures.unique("vol"), "projectId", tenant(),
                "reason", "r")).post(EXCLUSIONS).then().statusCode(403);
        asTenant("operator", mine).body(Map.of("volumeId", Fixtures.unique("vol"), "projectId", mine,
                "reason", "r")).post(EXCLUSIONS).then().statusCode(201);
    }
}
