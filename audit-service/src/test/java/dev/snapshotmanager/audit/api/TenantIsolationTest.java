package dev.snapshotmanager.audit.api;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant-limited token only ever reaches its tenants' records, whatever endpoint and filter it uses. */
@QuarkusTest
class TenantIsolationTest {

    @Inject
    IngestService ingest;

    String mine;
    String theirs;
    UUID run;
    VolumeResultV1 myRecord;
    VolumeResultV1 theirRecord;

    @BeforeEach
    void storeTwoTenants() {
        mine = Records.uniqueProject();
        theirs = Records.uniqueProject();
        run = UUID.randomUUID();
        myRecord = aResult().project(mine).run(run).action(VolumeAction.FAILED).volume("vol-shared", "shared").build();
        theirRecord = aResult().project(theirs).run(run).action(VolumeAction.FAILED).volume("vol-shared", "shared").build();
        Records.store(ingest, myRecord, theirRecord);
    }

    @Test
    void listsOnlyTheTenantsRecords() {
        List<String> projects = given().auth().oauth2(Tokens.tenantViewer(mine)).queryParam("limit", 1000)
                .when().get("/api/v1/records").then().statusCode(200).extract().jsonPath().getList("items.tenant.projectId");
        assertThat(projects).isNotEmpty().containsOnly(mine);
        assertThat(idsOf("/api/v1/runs/" + run + "/records")).containsExactly(myRecord.eventId());
        assertThat(idsOf("/api/v1/records/failures?volumeId=vol-shared&runId=" + run)).containsExactly(myRecord.eventId());
        assertThat(idsOf("/api/v1/records?q=shared&runId=" + run)).containsExactly(myRecord.eventId());
    }

    @Test
    void hidesAnotherTenantsRecordAsNotFound() {
        given().auth().oauth2(Tokens.tenantViewer(mine)).when().get("/api/v1/records/" + theirRecord.eventId())
                .then().statusCode(404);
        given().auth().oauth2(Tokens.tenantViewer(mine)).when().get("/api/v1/records/" + myRecord.eventId())
                .then().statusCode(200);
    }

    @Test
    void forbidsAskingForAnotherTenant() {
        given().auth().oauth2(Tokens.tenantViewer(mine)).queryParam("projectId", theirs).when().get("/api/v1/records")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void letsAnUnlimitedViewerSeeEveryTenant() {
        assertThat(given().auth().oauth2(Tokens.viewer()).when().get("/api/v1/runs/" + run + "/records")
                .then().statusCode(200).extract().jsonPath().getList("items.id"))
                .containsExactlyInAnyOrder(myRecord.eventId(), theirRecord.eventId());
    }

    @Test
    void requiresAValidTokenAndTheViewerRole() {
        given().when().get("/api/v1/records").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(dev.snapshotmanager.testsupport.security.TestTokens.expired("old", "viewer"))
                .when().get("/api/v1/records").then().statusCode(401);
        given().auth().oauth2(Tokens.noRole()).when().get("/api/v1/records").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/records").then().statusCode(200);
    }

    private List<String> idsOf(String path) {
        return given().auth().oauth2(Tokens.tenantViewer(mine)).when().get(path)
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }
}
