package dev.snapshotmanager.policy.api;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.asTenant;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.snapshotmanager.policy.Fixtures;
import dev.snapshotmanager.policy.service.InventoryService;
import dev.snapshotmanager.policy.service.PublicationFixtures;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
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

    @Test
    void aTenantCannotExcludeAnotherTenantsVolumeByNamingItsOwnProject() {
        String mine = tenant();
        String theirs = tenant();
        String volume = PublicationFixtures.inventoryVolume(theirs);

        asTenant("operator", mine).body(Map.of("volumeId", volume, "projectId", mine, "reason", "r"))
                .post(EXCLUSIONS).then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem("projectId"))
                .body("violations.message", not(hasItem(containsString(theirs))));
        as("operator").body(Map.of("volumeId", volume, "projectId", mine, "reason", "r")).post(EXCLUSIONS)
                .then().statusCode(422).body("violations.message", hasItem(containsString(theirs)));
        as("viewer").get(EXCLUSIONS + "/" + volume).then().statusCode(404);

        asTenant("operator", theirs).body(Map.of("volumeId", volume, "projectId", theirs, "reason", "r"))
                .post(EXCLUSIONS).then().statusCode(201);
        as("viewer").get("/api/v1/volumes/" + volume + "/effective-policy").then().statusCode(200)
                .body("decidedBy", equalTo("EXCLUSION"));
    }

    @Test
    void anExclusionMadeBeforeTheVolumeMovedToAnotherProjectNoLongerAppliesAndItsNewTenantReplacesIt() {
        String before = tenant();
        String after = tenant();
        String volume = Fixtures.unique("vol");
        String old = asTenant("operator", before).body(Map.of("volumeId", volume, "projectId", before,
                "reason", "r")).post(EXCLUSIONS).then().statusCode(201).extract().path("id");
        Arc.container().instance(InventoryService.class).get().apply(volume,
                PublicationFixtures.inventory(volume, after, "moved", Map.of()), "test:" + UUID.randomUUID());

        as("viewer").get("/api/v1/volumes/" + volume + "/effective-policy").then().statusCode(200)
                .body("decidedBy", not(equalTo("EXCLUSION")))
                .body("warnings", hasItem(containsString("exclusion " + old + " was made in another project")));
        String replacement = asTenant("operator", after).body(Map.of("volumeId", volume, "projectId", after,
                "reason", "ours now")).post(EXCLUSIONS).then().statusCode(201).extract().path("id");
        assertThat(replacement).isNotEqualTo(old);
        as("viewer").get(EXCLUSIONS + "/" + volume).then().statusCode(200).body("id", equalTo(replacement))
                .body("projectId", equalTo(after));
        as("viewer").get("/api/v1/volumes/" + volume + "/effective-policy").then()
                .body("decidedBy", equalTo("EXCLUSION")).body("exclusionId", equalTo(replacement));
    }
}
