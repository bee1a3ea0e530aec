package dev.snapshotmanager.policy.api;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.asTenant;
import static dev.snapshotmanager.policy.Fixtures.globalSet;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static dev.snapshotmanager.policy.Fixtures.tenantSet;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.snapshotmanager.policy.Fixtures;
import dev.snapshotmanager.policy.service.PublicationFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssignmentResourceTest {

    private static final String ASSIGNMENTS = "/api/v1/assignments";

    static Map<String, Object> assignment(String volumeId, String projectId, String setId) {
        Map<String, Object> body = new HashMap<>();
        body.put("volumeId", volumeId);
        body.put("volumeName", "db-" + volumeId);
        body.put("projectId", projectId);
        body.put("projectName", "acme");
        body.put("serverId", "srv-" + volumeId);
        body.put("policySetId", setId);
        return body;
    }

    @Test
    void createsAnAssignmentAddressedByVolumeId() {
        String project = tenant();
        String set = globalSet().create();
        String volume = Fixtures.unique("vol");
        Map<String, Object> body = assignment(volume, project, set);
        body.put("retentionOverrides", Map.of("daily_5", Map.of("keepLast", 9)));
        String location = as("operator").body(body).post(ASSIGNMENTS).then().statusCode(201)
                .header("Location", endsWith(ASSIGNMENTS + "/" + volume))
                .body("source", equalTo("API"))
                .body("autoSnapshot", equalTo(true))
                .body("createdBy", equalTo("alice-operator"))
                .extract().header("Location");
        as("viewer").get(location).then().statusCode(200).body("retentionOverrides.daily_5.keepLast", equalTo(9));
        as("operator").body(body).post(ASSIGNMENTS).then().statusCode(409).body("conflictingId",
                equalTo(as("viewer").get(location).then().extract().path("id")));
    }

    @Test
    void rejectsInvalidAssignmentsFieldByField() {
        String otherTenantsSet = tenantSet(tenant()).create();
        Map<String, Object> noSet = assignment(Fixtures.unique("vol"), tenant(), null);
        as("operator").body(noSet).post(ASSIGNMENTS).then().statusCode(422)
                .body("violations.field", hasItem("policySetId"));
        as("operator").body(assignment(Fixtures.unique("vol"), tenant(), otherTenantsSet)).post(ASSIGNMENTS)
                .then().statusCode(422).body("violations.field", hasItem("policySetId"));
        Map<String, Object> badOverride = assignment(Fixtures.unique("vol"), tenant(), globalSet().create());
        badOverride.put("retentionOverrides", Map.of("nope", Map.of("keepLast", 3), "daily_5", Map.of("keepLast", 0)));
        as("operator").body(badOverride).post(ASSIGNMENTS).then().statusCode(422)
                .body("violations.field", hasItem("retentionOverrides.nope"))
                .body("violations.field", hasItem("retentionOverrides.daily_5.keepLast"));
    }

    @Test
    void anOptOutNeedsNoSet() {
        Map<String, Object> body = assignment(Fixtures.unique("vol"), tenant(), null);
        body.put("autoSnapshot", false);
        as("operator").body(body).post(ASSIGNMENTS).then().statusCode(201).body("policySetId", nullValue());
    }

    @Test
    void patchesWithIfMatchAndRejectsAStaleVersion() {
        String volume = Fixtures.unique("vol");
        as("operator").body(assignment(volume, tenant(), globalSet().create())).post(ASSIGNMENTS).then()
                .statusCode(201);
        as("operator").header("If-Match", "\"0\"").body(Map.of("autoSnapshot", false))
                .patch(ASSIGNMENTS + "/" + volume).then().statusCode(200).body("autoSnapshot", equalTo(false))
                .body("version", equalTo(1));
        as("operator").header("If-Match", "\"0\"").body(Map.of("autoSnapshot", true))
                .patch(ASSIGNMENTS + "/" + volume).then().statusCode(412);
        as("operator").delete(ASSIGNMENTS + "/" + volume).then().statusCode(204);
        as("viewer").get(ASSIGNMENTS + "/" + volume).then().statusCode(404);
    }

    @Test
    void listsByFilters() {
        String project = tenant();
        String set = globalSet().create();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = assignment(Fixtures.unique("vol"), project, set);
            body.put("source", i == 0 ? "MANUAL" : "API");
            as("operator").body(body).post(ASSIGNMENTS).then().statusCode(201);
        }
        as("viewer").queryParam("projectId", project).get(ASSIGNMENTS).then().body("items", hasSize(3));
        as("viewer").queryParam("projectId", project).queryParam("source", "MANUAL").get(ASSIGNMENTS).then()
                .body("items", hasSize(1));
        as("viewer").queryParam("projectId", project).queryParam("limit", 2).get(ASSIGNMENTS).then()
                .body("items", hasSize(2)).body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void bulkUpsertsAllOrNothing() {
        String project = tenant();
        String set = globalSet().create();
        String existing = Fixtures.unique("vol");
        as("operator").body(assignment(existing, project, set)).post(ASSIGNMENTS).then().statusCode(201);
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(assignment(existing, project, set));
        items.add(assignment(Fixtures.unique("vol"), project, set));
        as("operator").body(Map.of("items", items)).post(ASSIGNMENTS + "/bulk").then().statusCode(200)
                .body("created", equalTo(1)).body("updated", equalTo(1))
                .body("items.source", equalTo(List.of("BULK", "BULK")));

        String fresh = Fixtures.unique("vol");
        List<Map<String, Object>> bad = List.of(assignment(fresh, project, set), assignment(Fixtures.unique("vol"),
                project, null));
        as("operator").body(Map.of("items", bad)).post(ASSIGNMENTS + "/bulk").then().statusCode(422)
                .body("violations.field", hasItem("items[1].policySetId"));
        as("viewer").get(ASSIGNMENTS + "/" + fresh).then().statusCode(404);
    }

    @Test
    void aTenantCannotAssignOrOptOutAnotherTenantsVolumeByNamingItsOwnProject() {
        String mine = tenant();
        String theirs = tenant();
        String volume = PublicationFixtures.inventoryVolume(theirs);
        String set = globalSet().create();
        Map<String, Object> optOut = assignment(volume, mine, null);
        optOut.put("autoSnapshot", false);

        asTenant("operator", mine).body(optOut).post(ASSIGNMENTS).then().statusCode(422)
                .contentType("application/problem+json").body("violations.field", hasItem("projectId"));
        asTenant("operator", mine).body(Map.of("items", List.of(assignment(volume, mine, set))))
                .post(ASSIGNMENTS + "/bulk").then().statusCode(422)
                .body("violations.field", hasItem("items[0].projectId"));
        as("viewer").get(ASSIGNMENTS + "/" + volume).then().statusCode(404);

        as("operator").body(assignment(volume, theirs, set)).post(ASSIGNMENTS).then().statusCode(201);
        as("operator").body(Map.of("projectId", mine)).patch(ASSIGNMENTS + "/" + volume).then().statusCode(422)
                .body("violations.field", hasItem("projectId"));
        as("viewer").get(ASSIGNMENTS + "/" + volume).then().statusCode(200).body("projectId", equalTo(theirs));
    }

    @Test
    void aNullItemInABulkIsAViolationNotAServerError() {
        as("operator").body("{\"items\": [null]}").post(ASSIGNMENTS + "/bulk").then().statusCode(422)
                .contentType("application/problem+json").body("violations.field", hasItem("items[0]"));
    }

    @Test
    void refusesMoreThanOneThousandInOneBulk() {
        String set = globalSet().create();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(assignment("v" + i, "p", set));
        }
        as("operator").body(Map.of("items", items)).post(ASSIGNMENTS + "/bulk").then().statusCode(422)
                .body("violations.field", hasItem("items"));
    }

    @Test
    void aReferencedSetIsDeletedOnlyWithForceWhichDetachesIt() {
        String set = globalSet().create();
        String volume = Fixtures.unique("vol");
        String assignmentId = as("operator").body(assignment(volume, tenant(), set)).post(ASSIGNMENTS).then()
                .statusCode(201).extract().path("id");
        as("admin").delete("/api/v1/policy-sets/" + set).then().statusCode(409)
                .body("conflictingId", equalTo(assignmentId));
        as("admin").queryParam("force", true).delete("/api/v1/policy-sets/" + set).then().statusCode(204);
        as("viewer").get(ASSIGNMENTS + "/" + volume).then().statusCode(200).body("policySetId", nullValue());
    }

    @Test
    void isolatesTenants() {
        String mine = tenant();
        String set = globalSet().create();
        as("viewer").body(assignment(Fixtures.unique("vol"), mine, set)).post(ASSIGNMENTS).then().statusCode(403);
        asTenant("operator", mine).body(assignment(Fixtures.unique("vol"), tenant(), set)).post(ASSIGNMENTS).then()
                .statusCode(403);
        String theirs = Fixtures.unique("vol");
        as("operator").body(assignment(theirs, tenant(), set)).post(ASSIGNMENTS).then().statusCode(201);
        asTenant("operator", mine).get(ASSIGNMENTS + "/" + theirs).then().statusCode(404);
        asTenant("operator", mine).body(assignment(Fixtures.unique("vol"), mine, set)).post(ASSIGNMENTS).then()
                .statusCode(201).body("createdBy", equalTo("bob-operator"));
        asTenant("viewer", mine).get(ASSIGNMENTS).then().body("items.projectId", org.hamcrest.Matchers.everyItem(
                equalTo(mine)));
    }
}
