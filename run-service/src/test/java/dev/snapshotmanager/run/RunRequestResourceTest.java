package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.run.service.PolicyProjection;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RunRequestResourceTest {

    static final String ADMIN = TestTokens.forRole("alice", "admin");
    static final String OPERATOR = TestTokens.forRole("oscar", "operator");
    static final String VIEWER = TestTokens.forRole("vera", "viewer");

    @Inject
    PolicyProjection projection;

    Fixtures.PolicySet knownPolicy() {
        Fixtures.PolicySet set = Fixtures.policySet();
        projection.apply(set.event());
        return set;
    }

    static String request(String token, Object body, int status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/runs")
                .then().statusCode(status).extract().asString();
    }

    @Test
    void operatorRequestsADryRunAndGetsItsLocation() {
        Fixtures.PolicySet set = knownPolicy();
        String location = given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Fixtures.runRequest(set, true))
                .when().post("/api/v1/runs")
                .then().statusCode(202)
                .body("status", equalTo("REQUESTED"))
                .body("dryRun", equalTo(true))
                .body("trigger", equalTo("API"))
                .body("requestedBy", equalTo("oscar"))
                .body("policy.policySetName", equalTo(set.name))
                .extract().header("Location");
        assertThat(location).contains("/api/v1/runs/");
        given().auth().oauth2(VIEWER).when().get(location)
                .then().statusCode(200).body("policy.policyName", equalTo(set.policyName))
                .body("progressPercent", equalTo(0));
    }

    @Test
    void operatorMayNotRequestARealRun() {
        Fixtures.PolicySet set = knownPolicy();
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Fixtures.runRequest(set, false))
                .when().post("/api/v1/runs")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void viewerMayNotRequestAnyRun() {
        request(VIEWER, Fixtures.runRequest(knownPolicy(), true), 403);
    }

    @Test
    void requestWithoutTokenIsUnauthorized() {
        given().contentType(ContentType.JSON).body(Fixtures.runRequest(knownPolicy(), true))
                .when().post("/api/v1/runs").then().statusCode(401);
    }

    @Test
    void secondRunOfAPolicyConflictsWithTheActiveRunsId() {
        Fixtures.PolicySet set = knownPolicy();
        String first = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Fixtures.runRequest(set, false))
                .when().post("/api/v1/runs").then().statusCode(202).extract().path("id");
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Fixtures.runRequest(set, true))
                .when().post("/api/v1/runs")
                .then().statusCode(409).contentType("application/problem+json")
                .body("conflictingId", equalTo(first));
    }

    @Test
    void rejectsAnUnknownPolicy() {
        request(ADMIN, Fixtures.runRequest(Fixtures.policySet(), true), 422);
    }

    @Test
    void rejectsARequestWithoutDryRun() {
        Fixtures.PolicySet set = knownPolicy();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("policy", Map.of("policySetId", set.id.toString(), "policyName", set.policyName)))
                .when().post("/api/v1/runs")
                .then().statusCode(400).contentType("application/problem+json");
    }

    static Map<String, Object> requestWithScope(Fixtures.PolicySet set, String list, List<String> ids) {
        return Map.of("policy", Map.of("policySetId", set.id.toString(), "policyName", set.policyName),
                "dryRun", false, "reason", "test", "scope", Map.of(list, ids));
    }

    static void assertInvalidScope(String token, Map<String, Object> body, String list) {
        var problem = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/runs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .extract().jsonPath();
        assertThat(problem.getList("violations.field", String.class)).as("%s in %s", body, list)
                .isNotEmpty().allSatisfy(field -> assertThat(field).startsWith("scope." + list));
    }

    @Test
    void rejectsNullAndBlankIdsInEveryScopeListForAdminsAndTenantScopedAdmins() {
        Fixtures.PolicySet global = knownPolicy();
        Fixtures.PolicySet tenants = Fixtures.policySet().tenant("project-a");
        projection.apply(tenants.event());
        String tenantAdmin = TestTokens.forTenants("tina", "admin", List.of("project-a"));
        for (String list : List.of("projectIds", "volumeIds", "domainIds")) {
            for (List<String> ids : List.of(java.util.Arrays.asList((String) null), List.of(""), List.of("  "),
                    java.util.Arrays.asList("project-a", null))) {
                assertInvalidScope(ADMIN, requestWithScope(global, list, ids), list);
                assertInvalidScope(tenantAdmin, requestWithScope(tenants, list, ids), list);
                assertInvalidScope(tenantAdmin, requestWithScope(global, list, ids), list);
            }
        }
        // nothing was requested: the policies have no active run, a valid request still goes through
        request(tenantAdmin, requestWithScope(tenants, "projectIds", List.of("project-a")), 202);
    }

    @Test
    void rejectsTooManyOrTooLongScopeIds() {
        Fixtures.PolicySet set = knownPolicy();
        List<String> tooMany = java.util.stream.IntStream.rangeClosed(0, 1000).mapToObj(i -> "vol-" + i).toList();
        assertInvalidScope(ADMIN, requestWithScope(set, "volumeIds", tooMany), "volumeIds");
        assertInvalidScope(ADMIN, requestWithScope(set, "projectIds", List.of("p".repeat(256))), "projectIds");
        request(ADMIN, requestWithScope(set, "volumeIds", tooMany.subList(0, 1000)), 202);
    }

    @Test
    void tenantUserMayNotRunAnotherTenantsPolicy() {
        Fixtures.PolicySet set = Fixtures.policySet().tenant("project-b");
        projection.apply(set.event());
        request(TestTokens.forTenants("tina", "admin", List.of("project-a")), Fixtures.runRequest(set, true), 403);
    }

    @Test
    void tenantUserRunOfAGlobalPolicyIsLimitedToItsTenants() {
        Fixtures.PolicySet set = knownPolicy();
        String tina = TestTokens.forTenants("tina", "operator", List.of("project-a"));
        String id = given().auth().oauth2(tina).contentType(ContentType.JSON).body(Fixtures.runRequest(set, true))
                .when().post("/api/v1/runs")
                .then().statusCode(202)
                .body("scope.projectIds", equalTo(List.of("project-a")))
                .body("tenants", equalTo(List.of("project-a")))
                .extract().path("id");
        String other = TestTokens.forTenants("bob", "viewer", List.of("project-b"));
        given().auth().oauth2(other).when().get("/api/v1/runs/" + id).then().statusCode(404);
        given().auth().oauth2(tina).when().get("/api/v1/runs/" + id).then().statusCode(200);
    }

    @Test
    void tenantUserWithAnEmptyTenantsClaimMayNotRequestAnyRun() {
        Fixtures.PolicySet set = knownPolicy();
        String nobody = TestTokens.forTenants("nina", "admin", List.of());
        given().auth().oauth2(nobody).contentType(ContentType.JSON).body(Fixtures.runRequest(set, true))
                .when().post("/api/v1/runs")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(ADMIN).queryParam("policySetId", set.id.toString()).when().get("/api/v1/runs")
                .then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void publishesRunRequestedWithCloudEventsHeadersKeyedByRunId() {
        Fixtures.PolicySet set = knownPolicy();
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Fixtures.runRequest(set, true))
                .when().post("/api/v1/runs").then().statusCode(202).extract().path("id");
        var record = KafkaProbe.await(Topics.RUN_REQUESTED, r -> id.equals(r.key()), Duration.ofSeconds(30));
        assertThat(KafkaProbe.header(record, CloudEventHeaders.TYPE)).isEqualTo("snapshot.run.requested.v1");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.ID)).isNotBlank();
        RunRequestedV1 payload = EventJson.fromJson(record.value(), RunRequestedV1.class);
        assertThat(payload.runId().toString()).isEqualTo(id);
        assertThat(payload.dryRun()).isTrue();
        assertThat(payload.policy().policyName()).isEqualTo(set.policyName);
        KafkaProbe.await(Topics.RUN_LIFECYCLE, r -> id.equals(r.key()), Duration.ofSeconds(30));
    }

    @Test
    void adminCancelsAnActiveRunOnceAndOperatorMayNot() {
        Fixtures.PolicySet set = knownPolicy();
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Fixtures.runRequest(set, true))
                .when().post("/api/v1/runs").then().statusCode(202).extract().path("id");
        given().auth().oauth2(OPERATOR).when().post("/api/v1/runs/" + id + "/cancel").then().statusCode(403);
        given().auth().oauth2(ADMIN).when().post("/api/v1/runs/" + id + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("finishedAt", notNullValue());
        given().auth().oauth2(ADMIN).when().post("/api/v1/runs/" + id + "/cancel")
                .then().statusCode(409).body("conflictingId", equalTo(id));
        // the policy is free again
        request(ADMIN, Fixtures.runRequest(set, true), 202);
    }

    @Test
    void activeRunsListsOnlyActiveRuns() {
        Fixtures.PolicySet set = knownPolicy();
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Fixtures.runRequest(set, true))
                .when().post("/api/v1/runs").then().statusCode(202).extract().path("id");
        List<String> active = given().auth().oauth2(VIEWER).when().get("/api/v1/runs/active")
                .then().statusCode(200).extract().path("id");
        assertThat(active).contains(id);
        given().auth().oauth2(ADMIN).when().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200);
        List<String> after = given().auth().oauth2(VIEWER).when().get("/api/v1/runs/active")
                .then().statusCode(200).extract().path("id");
        assertThat(after).doesNotContain(id);
    }

    @Test
    void listsRunsNewestFirstWithKeysetPaginationAndFilters() {
        Fixtures.PolicySet set = knownPolicy();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Fixtures.runRequest(set, true))
                    .when().post("/api/v1/runs").then().statusCode(202).extract().path("id");
            given().auth().oauth2(ADMIN).when().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200);
            ids.add(0, id);
        }
        var first = given().auth().oauth2(VIEWER).queryParam("policySetId", set.id.toString())
                .queryParam("limit", 2).when().get("/api/v1/runs")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id", String.class)).containsExactly(ids.get(0), ids.get(1));
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotBlank();
        var second = given().auth().oauth2(VIEWER).queryParam("policySetId", set.id.toString())
                .queryParam("limit", 2).queryParam("cursor", cursor).when().get("/api/v1/runs")
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.id", String.class)).containsExactly(ids.get(2));
        assertThat(second.getString("nextCursor")).isNull();
        given().auth().oauth2(VIEWER).queryParam("policySetId", set.id.toString()).queryParam("status", "RUNNING")
                .when().get("/api/v1/runs").then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(VIEWER).queryParam("cursor", "not-a-cursor").when().get("/api/v1/runs")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownRunIsNotFound() {
        given().auth().oauth2(VIEWER).when().get("/api/v1/runs/" + java.util.UUID.randomUUID())
                .then().statusCode(404).body("detail", endsWith("does not exist"));
    }
}
