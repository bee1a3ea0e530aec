package dev.snapshotmanager.audit.api;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecordSearchTest {

    @Inject
    IngestService ingest;

    @Test
    void listsNewestFirstByDefaultAndOldestFirstOnRequest() {
        String project = Records.uniqueProject();
        VolumeResultV1 old = aResult().project(project).at("2026-10-01T00:00:00Z").build();
        VolumeResultV1 mid = aResult().project(project).at("2026-10-15T00:00:00Z").build();
        VolumeResultV1 recent = aResult().project(project).at("2026-11-01T00:00:00Z").build();
        Records.store(ingest, mid, recent, old);

        assertThat(ids(Map.of("projectId", project))).containsExactly(recent.eventId(), mid.eventId(), old.eventId());
        assertThat(ids(Map.of("projectId", project, "sort", "asc")))
                .containsExactly(old.eventId(), mid.eventId(), recent.eventId());
    }

    @Test
    void returnsEveryFieldOfARecord() {
        String project = Records.uniqueProject();
        VolumeResultV1 result = aResult().project(project, "Blue Team").domain("d-1", "Corp").server("srv-9", "db-9")
                .volume("vol-9", "pgdata").snapshot("snap-9", "auto-blue").action(VolumeAction.FAILED)
                .reason("STUCK_CREATING").error("timeout").at("2026-11-02T03:04:05Z").build();
        Records.store(ingest, result);

        given().auth().oauth2(Tokens.viewer()).when().get("/api/v1/records/" + result.eventId())
                .then().statusCode(200)
                .body("id", equalTo(result.eventId()))
                .body("runId", equalTo(result.runId().toString()))
                .body("occurredAt", equalTo("2026-11-02T03:04:05Z"))
                .body("action", equalTo("FAILED"))
                .body("reason", equalTo("STUCK_CREATING"))
                .body("error", equalTo("timeout"))
                .body("dryRun", equalTo(false))
                .body("durationMs", equalTo(1234))
                .body("snapshot.id", equalTo("snap-9"))
                .body("snapshot.name", equalTo("auto-blue"))
                .body("volume.id", equalTo("vol-9"))
                .body("volume.name", equalTo("pgdata"))
                .body("volume.sizeGb", equalTo(10))
                .body("tenant.projectId", equalTo(project))
                .body("tenant.projectName", equalTo("Blue Team"))
                .body("tenant.domainName", equalTo("Corp"))
                .body("server.name", equalTo("db-9"))
                .body("policy.policyName", equalTo("daily_5"))
                .body("retention.keepLast", equalTo(5))
                .body("seq", equalTo(null));
    }

    @Test
    void answersAnUnknownRecordWithNotFound() {
        given().auth().oauth2(Tokens.viewer()).when().get("/api/v1/records/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void pagesThroughEveryRecordExactlyOnceWhileNewOnesArrive() {
        String project = Records.uniqueProject();
        Instant base = Instant.parse("2026-11-10T12:00:00Z");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Several records share a timestamp: the sequence number must break the tie.
            VolumeResultV1 r = aResult().project(project).at(base.plusSeconds(i / 3)).build();
            Records.store(ingest, r);
            expected.add(r.eventId());
        }
        for (String sort : List.of("desc", "asc")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Map<String, Object> params = new java.util.HashMap<>(Map.of("projectId", project, "limit", 5, "sort", sort,
                        "to", "2026-11-11T00:00:00Z"));
                if (cursor != null) {
                    params.put("cursor", cursor);
                }
                JsonPath page = given().auth().oauth2(Tokens.viewer()).queryParams(params).when().get("/api/v1/records")
                        .then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id"));
                cursor = page.getString("nextCursor");
                // Meanwhile: newer records, records at the very same instants, and late (older) arrivals.
                Records.store(ingest, aResult().project(project).at(base.plusSeconds(3)).build(),
                        aResult().project(project).at(base.plusSeconds(60)).build());
                pages++;
            } while (cursor != null && pages < 50);

            assertThat(seen).doesNotHaveDuplicates();
            assertThat(seen).containsAll(expected);
        }
    }

    @Test
    void countsTheTotalUpToACap() {
        String project = Records.uniqueProject();
        for (int i = 0; i < 3; i++) {
            Records.store(ingest, aResult().project(project).build());
        }
        given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project).queryParam("includeTotal", true)
                .queryParam("limit", 2).when().get("/api/v1/records")
                .then().statusCode(200).body("total", equalTo(3)).body("totalCapped", equalTo(false));

        String big = Records.uniqueProject();
        List<VolumeResultV1> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(aResult().project(big).build());
        }
        Records.store(ingest, many.toArray(VolumeResultV1[]::new));
        given().auth().oauth2(Tokens.viewer()).queryParam("projectId", big).queryParam("includeTotal", true)
                .when().get("/api/v1/records")
                .then().statusCode(200).body("total", equalTo(25)).body("totalCapped", equalTo(true));
    }

    @Test
    void listsTheRecordsOfARun() {
        UUID run = UUID.randomUUID();
        VolumeResultV1 a = aResult().run(run).build();
        VolumeResultV1 b = aResult().run(run).build();
        Records.store(ingest, a, b, aResult().build());

        List<String> ids = given().auth().oauth2(Tokens.viewer()).when().get("/api/v1/runs/" + run + "/records")
                .then().statusCode(200).extract().jsonPath().getList("items.id");

        assertThat(ids).containsExactlyInAnyOrder(a.eventId(), b.eventId());
    }

    @Test
    void listsOnlyFailuresUnderFailures() {
        String project = Records.uniqueProject();
        List<String> failures = new ArrayList<>();
        for (VolumeAction action : VolumeAction.values()) {
            VolumeResultV1 r = aResult().project(project).action(action).build();
            Records.store(ingest, r);
            if (action == VolumeAction.FAILED || action == VolumeAction.DELETE_FAILED
                    || action == VolumeAction.QUOTA_BLOCKED) {
                failures.add(r.eventId());
            }
        }

        List<String> ids = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project)
                .when().get("/api/v1/records/failures").then().statusCode(200).extract().jsonPath().getList("items.id");
        List<String> onlyQuota = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project)
                .queryParam("action", "QUOTA_BLOCKED,CREATED")
                .when().get("/api/v1/records/failures").then().statusCode(200).extract().jsonPath().getList("items.action");

        assertThat(ids).containsExactlyInAnyOrderElementsOf(failures);
        assertThat(onlyQuota).containsExactly("QUOTA_BLOCKED");
    }

    private List<String> ids(Map<String, ?> params) {
        return given().auth().oauth2(Tokens.viewer()).queryParams(params).when().get("/api/v1/records")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }
}
