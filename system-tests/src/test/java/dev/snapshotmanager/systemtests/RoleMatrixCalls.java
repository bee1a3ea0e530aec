package dev.snapshotmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.systemtests.harness.DemoUser;
import dev.snapshotmanager.systemtests.harness.SystemStack;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/** Requests of {@link RoleMatrixSystemTest}: one caller's requests to the gateway, and the fixtures it needs. */
final class RoleMatrixCalls {

    private final SystemStack stack;
    private final RoleMatrixSystemTest.Caller caller;

    RoleMatrixCalls(SystemStack stack, RoleMatrixSystemTest.Caller caller) {
        this.stack = stack;
        this.caller = caller;
    }

    RoleMatrixSystemTest.Caller caller() {
        return caller;
    }

    /** A JSON request to the gateway as the caller: no token, garbage, a forged token, or a demo user's token. */
    RequestSpecification spec() {
        RequestSpecification spec = RestAssured.given().baseUri(stack.gatewayUrl()).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
        return switch (caller) {
            case NONE -> spec;
            case GARBAGE -> spec.auth().oauth2("not-a-token");
            case FORGED -> spec.auth().oauth2(forged(stack.tokens().of(DemoUser.SUPERADMIN)));
            default -> spec.auth().oauth2(stack.tokens().of(caller.user));
        };
    }

    /** A real superadmin token whose signature is replaced: well-formed, from the right issuer, not Keycloak's. */
    static String forged(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        for (int i = 0; i < signature.length; i++) {
            signature[i] = (byte) (signature[i] ^ 0x5a);
        }
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** The body of a GLOBAL policy set (not auto-applied) with yearly policies of these names. */
    static Map<String, Object> setBody(String name, List<String> policies) {
        return Fixtures.globalSetBody(name, 10, policies, "0 5 1 1 *", 1);
    }

    /** Creates such a set as the admin; returns its id. */
    static String createSet(SystemStack stack, String name, List<String> policies) {
        return stack.as(DemoUser.ADMIN).body(setBody(name, policies)).post("/api/v1/policy-sets").then()
                .statusCode(201).extract().path("id");
    }

    static Map<String, Object> runRequest(String setId, String policy, boolean dryRun, String projectId) {
        return Map.of("policy", Map.of("policySetId", setId, "policyName", policy), "dryRun", dryRun,
                "scope", Map.of("projectIds", List.of(projectId)), "reason", "role matrix system test");
    }

    /**
     * Requests a run as {@code user} until run-service accepts it: it answers 422 until it has heard of a new set,
     * and 409 while another run of the policy is active. Returns the run's id.
     */
    static String awaitAccepted(SystemStack stack, DemoUser user, Map<String, Object> body) {
        AtomicReference<Response> accepted = new AtomicReference<>();
        Awaitility.await("run-service accepts " + body).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    Response r = stack.as(user).body(body).post("/api/v1/runs");
                    assertThat(r.statusCode()).as(r.asString()).isIn(202, 409, 422);
                    accepted.set(r);
                    return r.statusCode() == 202;
                });
        return accepted.get().path("id");
    }

    /** Cancels a run as the admin unless it has already ended (409). */
    static void cancelQuietly(SystemStack stack, String runId) {
        int status = stack.as(DemoUser.ADMIN).post("/api/v1/runs/" + runId + "/cancel").statusCode();
        assertThat(status).as("cancel of %s", runId).isIn(200, 409);
    }

    /** Every volume the user may list (all pages). */
    static List<Map<String, Object>> allVolumes(SystemStack stack, DemoUser user) {
        return all(stack, user, "/api/v1/volumes", 100);
    }

    /** Every compliance entry the user may list (all pages). */
    static List<Map<String, Object>> allCompliance(SystemStack stack, DemoUser user) {
        return all(stack, user, "/api/v1/compliance", 1000);
    }

    private static List<Map<String, Object>> all(SystemStack stack, DemoUser user, String path, int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            RequestSpecification request = stack.as(user).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath body = request.get(path).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            all.addAll(items);
            cursor = body.getString("nextCursor");
            if (cursor == null || items.isEmpty()) {
                return all;
            }
        }
        throw new AssertionError("more than 50 pages of " + path);
    }
}
