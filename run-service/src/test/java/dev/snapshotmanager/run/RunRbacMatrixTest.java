package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.run.service.RunTracker;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every run-service endpoint x every kind of caller, with the status DOMAIN.md's roles give: reads need viewer, dry
 * runs operator, real runs and cancel admin; a missing, expired or forged token is 401; a tenant-scoped token sees and
 * changes only runs of its tenants (others are 404, as if they did not exist); a run it sees that also touches other
 * tenants (an all-tenants GLOBAL run, a run of two tenants) is read-only to it (cancel 403, the run goes on). The
 * endpoints come from the OpenAPI
 * document: an operation without a row here fails {@link #everyOperationOfTheOpenApiDocumentHasMatrixRows}.
 */
@QuarkusTest
class RunRbacMatrixTest {

    static final String TENANT = "project-rbac";
    static final String OTHER_TENANT = "project-elsewhere";

    /** Who calls. */
    enum Caller {
        NONE(null),
        EXPIRED(TestTokens.expired("erin", "superadmin")),
        FORGED(TestTokens.forged("fred", "superadmin")),
        VIEWER(TestTokens.forRole("vera", "viewer")),
        OPERATOR(TestTokens.forRole("oscar", "operator")),
        ADMIN(TestTokens.forRole("alice", "admin")),
        SUPERADMIN(TestTokens.forRole("sam", "superadmin")),
        TENANT_VIEWER(TestTokens.forTenants("tina", "viewer", List.of(TENANT))),
        TENANT_ADMIN(TestTokens.forTenants("tom", "admin", List.of(TENANT)));

        final String token;

        Caller(String token) {
            this.token = token;
        }

        boolean tenantScoped() {
            return this == TENANT_VIEWER || this == TENANT_ADMIN;
        }
    }

    /**
     * One matrix row: an operation of the API in one situation, and the status each caller gets, in the order of
     * {@link Caller}.
     */
    enum Row {
        REQUEST_DRY_RUN("POST", "/api/v1/runs", 401, 401, 401, 403, 202, 202, 202, 403, 202),
        REQUEST_REAL_RUN("POST", "/api/v1/runs", 401, 401, 401, 403, 403, 202, 202, 403, 202),
        REQUEST_DRY_RUN_OF_ANOTHER_TENANT("POST", "/api/v1/runs", 401, 401, 401, 403, 202, 202, 202, 403, 403),
        LIST("GET", "/api/v1/runs", 401, 401, 401, 200, 200, 200, 200, 200, 200),
        ACTIVE("GET", "/api/v1/runs/active", 401, 401, 401, 200, 200, 200, 200, 200, 200),
        GET("GET", "/api/v1/runs/{id}", 401, 401, 401, 200, 200, 200, 200, 200, 200),
        GET_ANOTHER_TENANTS_RUN("GET", "/api/v1/runs/{id}", 401, 401, 401, 200, 200, 200, 200, 404, 404),
        CANCEL("POST", "/api/v1/runs/{id}/cancel", 401, 401, 401, 403, 403, 200, 200, 403, 200),
        CANCEL_ANOTHER_TENANTS_RUN("POST", "/api/v1/runs/{id}/cancel", 401, 401, 401, 403, 403, 200, 200, 403, 404),
        CANCEL_ALL_TENANTS_RUN("POST", "/api/v1/runs/{id}/cancel", 401, 401, 401, 403, 403, 200, 200, 403, 403),
        CANCEL_RUN_OF_TWO_TENANTS("POST", "/api/v1/runs/{id}/cancel", 401, 401, 401, 403, 403, 200, 200, 403, 403),
        STREAM_ONE("GET", "/api/v1/runs/{id}/events", 401, 401, 401, 200, 200, 200, 200, 200, 200),
        STREAM_ANOTHER_TENANTS_RUN("GET", "/api/v1/runs/{id}/events", 401, 401, 401, 200, 200, 200, 200, 404, 404),
        STREAM_ALL("GET", "/api/v1/runs/events", 401, 401, 401, 200, 200, 200, 200, 200, 200);

        final String method;
        final String path;
        final int[] expected;

        Row(String method, String path, int... expected) {
            if (expected.length != Caller.values().length) {
                throw new IllegalArgumentException(name() + " needs a status for each of "
                        + Arrays.toString(Caller.values()));
            }
            this.method = method;
            this.path = path;
            this.expected = expected;
        }

        String operation() {
            return method + " " + path;
        }

        int expectedFor(Caller caller) {
            return expected[caller.ordinal()];
        }
    }

    @Inject
    Runs runs;

    @Inject
    RunTracker tracker;

    @TestHTTPResource("/")
    URL base;

    static Stream<Arguments> cells() {
        return Arrays.stream(Row.values()).flatMap(row -> Arrays.stream(Caller.values())
                .map(caller -> Arguments.of(row, caller, row.expectedFor(caller))));
    }

    @Test
    void everyOperationOfTheOpenApiDocumentHasMatrixRows() {
        JsonPath openApi = given().accept(ContentType.JSON).when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(m))
                .forEach(m -> operations.add(m.toUpperCase() + " " + path)));
        Set<String> rows = Arrays.stream(Row.values()).map(Row::operation)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(operations).as("operations in /q/openapi").isNotEmpty();
        assertThat(rows).as("operations with matrix rows").isEqualTo(operations);
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cells")
    void callerGetsTheStatusItsRolesAndTenantsAllow(Row row, Caller caller, int expected) throws Exception {
        Fixtures.PolicySet own = runs.knownPolicy(Fixtures.policySet().tenant(TENANT));
        Fixtures.PolicySet other = runs.knownPolicy(Fixtures.policySet().tenant(OTHER_TENANT));
        switch (row) {
            case REQUEST_DRY_RUN -> assertRequested(caller, post(caller, Fixtures.runRequest(own, true)), expected);
            case REQUEST_REAL_RUN -> assertRequested(caller, post(caller, Fixtures.runRequest(own, false)), expected);
            case REQUEST_DRY_RUN_OF_ANOTHER_TENANT ->
                    assertRequested(caller, post(caller, Fixtures.runRequest(other, true)), expected);
            case LIST -> assertList(caller, expected, runs.request(own, true), runs.request(other, true), own, other);
            case ACTIVE -> assertActive(caller, expected, runs.request(own, true), runs.request(other, true));
            case GET -> assertRun(call(caller).get("/api/v1/runs/" + runs.request(own, true)), expected, "REQUESTED");
            case GET_ANOTHER_TENANTS_RUN ->
                    assertRun(call(caller).get("/api/v1/runs/" + runs.request(other, true)), expected, "REQUESTED");
            case CANCEL -> assertRun(call(caller).post("/api/v1/runs/" + runs.request(own, true) + "/cancel"),
                    expected, "CANCELLED");
            case CANCEL_ANOTHER_TENANTS_RUN ->
                    assertRun(call(caller).post("/api/v1/runs/" + runs.request(other, true) + "/cancel"),
                            expected, "CANCELLED");
            case CANCEL_ALL_TENANTS_RUN -> assertCancel(caller, running(runs.request(runs.knownPolicy(), true)),
                    expected, null);
            case CANCEL_RUN_OF_TWO_TENANTS -> assertCancel(caller, running(runs.request(Fixtures.runRequest(
                    runs.knownPolicy(), true, List.of(TENANT, OTHER_TENANT)))), expected,
                    List.of(OTHER_TENANT, TENANT));
            case STREAM_ONE -> assertStream(caller, "api/v1/runs/" + runs.request(own, true) + "/events", expected);
            case STREAM_ANOTHER_TENANTS_RUN ->
                    assertStream(caller, "api/v1/runs/" + runs.request(other, true) + "/events", expected);
            case STREAM_ALL -> assertStream(caller, "api/v1/runs/events", expected);
        }
    }

    static RequestSpecification call(Caller caller) {
        RequestSpecification spec = given();
        return caller.token == null ? spec : spec.auth().oauth2(caller.token);
    }

    static Response post(Caller caller, Object body) {
        return call(caller).contentType(ContentType.JSON).body(body).when().post("/api/v1/runs");
    }

    static void assertStatus(Response response, int expected) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getInt("status")).isEqualTo(expected);
        }
    }

    static void assertRequested(Caller caller, Response response, int expected) {
        assertStatus(response, expected);
        if (expected == 202) {
            assertThat(response.jsonPath().getString("status")).isEqualTo("REQUESTED");
            assertThat(response.header("Location")).contains("/api/v1/runs/" + response.jsonPath().getString("id"));
            if (caller.tenantScoped()) {
                assertThat(response.jsonPath().getList("tenants", String.class)).containsExactly(TENANT);
            }
        }
    }

    static void assertRun(Response response, int expected, String status) {
        assertStatus(response, expected);
        if (expected == 200) {
            assertThat(response.jsonPath().getString("status")).isEqualTo(status);
        }
    }

    /** A planned (RUNNING) run. */
    UUID running(UUID id) {
        tracker.planned(Fixtures.planned(id, 2, 2, 1));
        return id;
    }

    /** Cancels the RUNNING run with these tenants ({@code null}: all); when refused, the run goes on. */
    static void assertCancel(Caller caller, UUID id, int expected, List<String> tenants) {
        JsonPath before = call(Caller.ADMIN).get("/api/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(before.getString("status")).isEqualTo("RUNNING");
        assertThat((Object) before.get("tenants")).isEqualTo(tenants);
        assertRun(call(caller).post("/api/v1/runs/" + id + "/cancel"), expected, "CANCELLED");
        if (expected != 200) {
            assertThat(call(Caller.ADMIN).get("/api/v1/runs/" + id).then().statusCode(200).extract().path("status")
                    .toString()).isEqualTo("RUNNING");
        }
    }

    static void assertList(Caller caller, int expected, UUID ownRun, UUID otherRun, Fixtures.PolicySet own,
            Fixtures.PolicySet other) {
        Response page = call(caller).queryParam("limit", 500).get("/api/v1/runs");
        assertStatus(page, expected);
        if (expected != 200) {
            return;
        }
        assertVisible(caller, page.jsonPath());
        assertThat(call(caller).queryParam("policySetId", own.id.toString()).get("/api/v1/runs").jsonPath()
                .getList("items.id", String.class)).containsExactly(ownRun.toString());
        List<String> others = call(caller).queryParam("policySetId", other.id.toString()).get("/api/v1/runs")
                .jsonPath().getList("items.id", String.class);
        assertThat(others).isEqualTo(caller.tenantScoped() ? List.of() : List.of(otherRun.toString()));
    }

    static void assertActive(Caller caller, int expected, UUID ownRun, UUID otherRun) {
        Response active = call(caller).get("/api/v1/runs/active");
        assertStatus(active, expected);
        if (expected != 200) {
            return;
        }
        JsonPath items = new JsonPath("{\"items\":" + active.asString() + "}");
        assertVisible(caller, items);
        List<String> ids = items.getList("items.id", String.class);
        assertThat(ids).contains(ownRun.toString());
        if (caller.tenantScoped()) {
            assertThat(ids).doesNotContain(otherRun.toString());
        } else {
            assertThat(ids).contains(otherRun.toString());
        }
    }

    /** A tenant-scoped caller sees only runs that touch its tenants (an unrestricted GLOBAL run touches all). */
    static void assertVisible(Caller caller, JsonPath page) {
        if (!caller.tenantScoped()) {
            return;
        }
        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).allSatisfy(run -> {
            Object tenants = run.get("tenants");
            assertThat(tenants == null || ((List<?>) tenants).contains(TENANT))
                    .as("run %s with tenants %s", run.get("id"), tenants).isTrue();
        });
    }

    void assertStream(Caller caller, String path, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Accept", "text/event-stream").GET();
        if (caller.token != null) {
            request.header("Authorization", "Bearer " + caller.token);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(expected);
            if (expected == 200) {
                assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
            } else {
                assertThat(response.headers().firstValue("content-type").orElse(""))
                        .startsWith("application/problem+json");
            }
        }
    }
}
