package dev.snapshotmanager.policy.api;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.globalSet;
import static dev.snapshotmanager.policy.Fixtures.policy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScheduleResourceTest {

    @Test
    void previewsAPolicyAcrossASpringForwardGap() {
        String id = globalSet().policy(policy("night").with("cron", "30 2 * * *").with("timeZone", "Europe/Paris"))
                .create();
        as("viewer").queryParam("count", 2).queryParam("from", "2026-03-28T12:00:00Z")
                .get("/api/v1/policy-sets/" + id + "/policies/night/schedule").then().statusCode(200)
                .body("fireTimes", hasSize(2))
                .body("fireTimes[0].utc", equalTo("2026-03-29T01:00:00Z"))
                .body("fireTimes[0].local", equalTo("2026-03-29T03:00:00+02:00"))
                .body("fireTimes[1].local", equalTo("2026-03-30T02:30:00+02:00"));
    }

    @Test
    void previewsAnUnsavedScheduleAndValidatesIt() {
        as("viewer").body(Map.of("cron", "0 3 15 * *", "timeZone", "UTC", "count", 1, "from",
                "2026-01-01T00:00:00Z")).post("/api/v1/schedule-previews").then().statusCode(200)
                .body("fireTimes[0].utc", equalTo("2026-01-15T03:00:00Z"));
        as("viewer").body(Map.of("cron", "0 3 15 *", "timeZone", "Nowhere/City", "count", 1000))
                .post("/api/v1/schedule-previews").then().statusCode(422)
                .body("violations.field", equalTo(List.of("cron", "timeZone", "count")));
    }

    @Test
    void aPreviewFromBeyondTheCalendarsRangeIsAViolationNotAServerError() {
        as("viewer").body(Map.of("cron", "0 3 15 * *", "from", "+1000000000-12-31T23:59:59Z"))
                .post("/api/v1/schedule-previews").then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("from")));
        String id = globalSet().policy(policy("far")).create();
        as("viewer").queryParam("from", "-1000000000-01-01T00:00:00Z")
                .get("/api/v1/policy-sets/" + id + "/policies/far/schedule").then().statusCode(422)
                .body("violations.field", equalTo(List.of("from")));
    }

    @Test
    void offersTheCompatibilityTemplates() {
        as("viewer").get("/api/v1/policy-templates").then().statusCode(200)
                .body("name", equalTo(List.of("daily_5", "monthly_1st", "monthly_15th")))
                .body("find { it.name == 'daily_5' }.keepLast", equalTo(5))
                .body("cron", hasItem("0 3 15 * *"));
    }

    @Test
    void answers404ForAnUnknownPolicy() {
        String id = globalSet().create();
        as("viewer").get("/api/v1/policy-sets/" + id + "/policies/nope/schedule").then().statusCode(404);
    }
}
