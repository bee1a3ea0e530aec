package dev.snapshotmanager.audit.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecordQueryValidationTest {

    @Test
    void rejectsAMalformedDateWithBadRequest() {
        viewer().queryParam("from", "yesterday").when().get("/api/v1/records")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem("from"));
    }

    @Test
    void rejectsAnUnknownActionWithBadRequest() {
        viewer().queryParam("action", "CREATED,EXPLODED").when().get("/api/v1/records")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("action"))
                .body("violations[0].message", containsString("EXPLODED"));
    }

    @Test
    void rejectsALimitOutOfRangeAsUnprocessable() {
        viewer().queryParam("limit", 0).when().get("/api/v1/records")
                .then().statusCode(422).contentType("application/problem+json").body("violations.field", hasItem("limit"));
        viewer().queryParam("limit", 1001).when().get("/api/v1/records")
                .then().statusCode(422).body("violations[0].message", containsString("1000"));
        viewer().queryParam("limit", "many").when().get("/api/v1/records").then().statusCode(400);
    }

    @Test
    void rejectsARangeThatEndsBeforeItStarts() {
        viewer().queryParam("from", "2026-11-02").queryParam("to", "2026-11-01").when().get("/api/v1/records")
                .then().statusCode(422).body("violations.field", hasItem("from"));
    }

    @Test
    void rejectsMalformedIdsSortsAndCursors() {
        viewer().queryParam("runId", "run-1").when().get("/api/v1/records")
                .then().statusCode(400).body("violations.field", hasItem("runId"));
        viewer().queryParam("sort", "sideways").when().get("/api/v1/records").then().statusCode(400);
        viewer().queryParam("dryRun", "maybe").when().get("/api/v1/records").then().statusCode(400);
        viewer().queryParam("cursor", "not-a-cursor").when().get("/api/v1/records")
                .then().statusCode(400).body("detail", containsString("cursor"));
        viewer().when().get("/api/v1/runs/not-a-uuid/records").then().statusCode(400);
    }

    @Test
    void rejectsTimesBeyondWhatPostgreSqlStoresAndNulCharactersWithBadRequest() {
        viewer().queryParam("from", "-5000-01-01T00:00:00Z").when().get("/api/v1/statistics")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("from"));
        viewer().queryParam("to", "+300000-01-01T00:00:00Z").when().get("/api/v1/timeline")
                .then().statusCode(400).body("violations.field", hasItem("to"));
        viewer().queryParam("from", "10000-01-01T00:00:00Z").when().get("/api/v1/records/export")
                .then().statusCode(400).body("violations.field", hasItem("from"));
        String farCursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("r1|DESC|" + Long.MIN_VALUE + "|1").getBytes(StandardCharsets.UTF_8));
        viewer().queryParam("cursor", farCursor).when().get("/api/v1/records")
                .then().statusCode(400).body("detail", containsString("cursor"));
        viewer().queryParam("q", "a\u0000b").when().get("/api/v1/records")
                .then().statusCode(400).body("violations.field", hasItem("q"));
        viewer().queryParam("volumeName", "\u0000").when().get("/api/v1/records/export")
                .then().statusCode(400).body("violations.field", hasItem("volumeName"));
    }

    @Test
    void rejectsNulCharactersInComplianceFiltersWithBadRequest() {
        for (String path : new String[] {"/api/v1/compliance", "/api/v1/compliance/summary", "/api/v1/compliance/export"}) {
            viewer().queryParam("projectId", "p-1,p\u00002").when().get(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("violations.field", hasItem("projectId"))
                    .body("violations.message", hasItem(containsString("NUL")));
            viewer().queryParam("policy", "daily\u0000").when().get(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("policy"));
        }
    }

    @Test
    void refusesARecordIdWithANulCharacterAsEveryServiceRefusesSuchAParameter() {
        // common's NulParameters: 400 naming the parameter (until 2026-11-30 this endpoint answered 404 on its own)
        viewer().urlEncodingEnabled(false).when().get("/api/v1/records/ev%00-1")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem("id"));
        viewer().urlEncodingEnabled(false).when().get("/api/v1/records/%00")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void rejectsACursorMadeForTheOtherOrder() {
        String cursor = new dev.snapshotmanager.audit.domain.PageCursor(dev.snapshotmanager.audit.domain.SortOrder.ASC,
                java.time.Instant.parse("2026-11-01T00:00:00Z"), 7).encode();
        viewer().queryParam("cursor", cursor).queryParam("sort", "desc").when().get("/api/v1/records")
                .then().statusCode(400).body("detail", containsString("sort=asc"));
    }

    @Test
    void acceptsDatesOffsetsAndInstants() {
        viewer().queryParam("from", "2026-11-01").queryParam("to", "2026-11-02T00:00:00+02:00")
                .when().get("/api/v1/records").then().statusCode(200);
    }

    private static RequestSpecification viewer() {
        return given().auth().oauth2(Tokens.viewer());
    }
}
