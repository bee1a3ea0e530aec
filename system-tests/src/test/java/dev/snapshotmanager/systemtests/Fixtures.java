package dev.snapshotmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.systemtests.harness.DemoUser;
import dev.snapshotmanager.systemtests.harness.SystemStack;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * What the system tests do through the gateway, as an admin with a real token: policy sets, rules, runs. Names get a
 * random suffix so that a test never meets what another one (or an earlier run) made.
 */
final class Fixtures {

    /** Statuses a run ends in. */
    static final Set<String> FINAL = Set.of("COMPLETED", "PARTIAL", "FAILED", "CANCELLED", "SKIPPED", "MISSED");

    private Fixtures() {
    }

    /** {@code prefix} plus a short random suffix, valid as a policy set or policy name. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The body of an active GLOBAL policy set (not auto-applied) with policies in UTC that skip missed runs. */
    static Map<String, Object> globalSetBody(String name, int priority, List<String> policies, String cron,
            int keepLast) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "system test");
        body.put("scope", "GLOBAL");
        body.put("priority", priority);
        body.put("active", true);
        body.put("autoApply", false);
        body.put("policies", policies.stream().map(p -> Map.of("name", p, "cron", cron, "timeZone", "UTC",
                "keepLast", keepLast, "missedRunMode", "SKIP")).toList());
        return body;
    }

    /** A GLOBAL policy set with one policy; returns its id. */
    static String createPolicySet(SystemStack stack, String name, String policy, String cron, int keepLast) {
        Map<String, Object> body = globalSetBody(name, 500, List.of(policy), cron, keepLast);
        Response created = stack.as(DemoUser.ADMIN).body(body).post("/api/v1/policy-sets");
        created.then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith(created.path("id")));
        return created.path("id");
    }

    /** A GLOBAL rule giving {@code policySetId} to the volumes that {@code match} selects; returns its id. */
    static String createRule(SystemStack stack, String name, int priority, Map<String, Object> match,
                             String policySetId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "system test");
        body.put("priority", priority);
        body.put("enabled", true);
        body.put("match", match);
        body.put("policySetId", policySetId);
        body.put("autoSnapshot", true);
        return stack.as(DemoUser.ADMIN).body(body).post("/api/v1/rules").then().statusCode(201).extract().path("id");
    }

    /** Deletes a rule and then its policy set (what a test made, so that later runs do not meet it). */
    static void delete(SystemStack stack, String ruleId, String policySetId) {
        if (ruleId != null) {
            stack.as(DemoUser.ADMIN).delete("/api/v1/rules/" + ruleId).then().statusCode(204);
        }
        if (policySetId != null) {
            stack.as(DemoUser.ADMIN).delete("/api/v1/policy-sets/" + policySetId).then().statusCode(204);
        }
    }

    /** Every volume of a project in policy-service's inventory, with its resolution. */
    static List<Map<String, Object>> volumes(SystemStack stack, String projectId) {
        return stack.as(DemoUser.VIEWER).queryParam("projectId", projectId).queryParam("limit", 100)
                .get("/api/v1/volumes").then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The volumes of a project whose effective policies include {@code policy} of {@code policySetId}. */
    static List<Map<String, Object>> protectedBy(SystemStack stack, String projectId, String policySetId,
                                                 String policy) {
        return stack.as(DemoUser.VIEWER).queryParam("projectId", projectId).queryParam("policySetId", policySetId)
                .queryParam("policyName", policy).queryParam("limit", 100).get("/api/v1/volumes")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /**
     * Requests a real run of one policy for one project (run-now, as an admin) and returns its id. run-service learns
     * of a new policy through Kafka, so a 422 "unknown policy" right after creating it is retried for a while.
     */
    static String requestRun(SystemStack stack, String policySetId, String policy, String projectId) {
        Map<String, Object> body = Map.of("policy", Map.of("policySetId", policySetId, "policyName", policy),
                "dryRun", false, "scope", Map.of("projectIds", List.of(projectId)), "reason", "system test");
        AtomicReference<Response> accepted = new AtomicReference<>();
        Awaitility.await("run-service accepts a run of " + policy).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    Response r = stack.as(DemoUser.ADMIN).body(body).post("/api/v1/runs");
                    assertThat(r.statusCode()).as(r.asString()).isIn(202, 422);
                    accepted.set(r);
                    return r.statusCode() == 202;
                });
        Response response = accepted.get();
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/api/v1/runs/" + id);
        assertThat(response.<String>path("status")).isEqualTo("REQUESTED");
        return id;
    }

    /** Waits until the run has ended and returns it as the API shows it. */
    static JsonPath awaitFinished(SystemStack stack, String runId, Duration atMost) {
        AtomicReference<JsonPath> run = new AtomicReference<>();
        Awaitility.await("run " + runId + " ends").atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonPath current = stack.as(DemoUser.VIEWER).get("/api/v1/runs/" + runId).then().statusCode(200)
                    .extract().jsonPath();
            run.set(current);
            return FINAL.contains(current.getString("status"));
        });
        return run.get();
    }

    /** Every audit record of a run (all pages). */
    static List<Map<String, Object>> records(SystemStack stack, String runId) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = stack.as(DemoUser.VIEWER).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/runs/" + runId + "/records").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    /** Waits until audit-service holds {@code count} records of the run, and returns them. */
    static List<Map<String, Object>> awaitRecords(SystemStack stack, String runId, int count) {
        AtomicReference<List<Map<String, Object>>> found = new AtomicReference<>();
        Awaitility.await("audit-service stores " + count + " records of run " + runId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    found.set(records(stack, runId));
                    return found.get().size() >= count;
                });
        return found.get();
    }

    /** Every snapshot the emulator holds for a project that was made by a run. */
    static List<Map<String, Object>> snapshotsOfRun(SystemStack stack, String projectId, String runId) {
        return stack.emulator().snapshots(projectId).stream()
                .filter(s -> runId.equals(metadata(s).get("run_id"))).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> metadata(Map<String, Object> snapshot) {
        Object metadata = snapshot.get("metadata");
        return metadata == null ? Map.of() : (Map<String, String>) metadata;
    }

    /** Reads a nested value such as {@code volume.id} from a JSON object. */
    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> json, String path) {
        Object current = json;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    /**
     * The snapshot name DOMAIN.md prescribes, without its time stamp:
     * {@code auto-<project>-<policy>-<server>-<volume>-} (each part cleaned and cut to 40; unknown parts left out).
     */
    static String namePrefix(String project, String policy, String server, String volume) {
        StringBuilder name = new StringBuilder("auto-");
        for (String part : new String[] {project, policy, server, volume}) {
            if (part == null || part.isBlank()) {
                continue;
            }
            StringBuilder clean = new StringBuilder();
            part.strip().codePoints().limit(40).forEach(c -> clean.append(c == ' ' ? '_'
                    : Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == '-' ? (char) c : '-'));
            name.append(clean).append('-');
        }
        return name.toString();
    }
}
