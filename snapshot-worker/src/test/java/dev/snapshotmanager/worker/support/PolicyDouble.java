package dev.snapshotmanager.worker.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.Retention;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sets what the policy-service double ({@link PolicyDoubleResource}) answers: which volumes get which policy. */
public final class PolicyDouble {

    private final List<Map<String, Object>> decisions = new ArrayList<>();

    public static PolicyDouble decisions() {
        return new PolicyDouble();
    }

    /** {@code volumeId} gets {@code policy} with {@code retention}, decided by {@code step}. */
    public PolicyDouble applies(String volumeId, PolicyRef policy, Retention retention, String step) {
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("policySetId", policy.policySetId().toString());
        effective.put("policySetName", policy.policySetName());
        effective.put("policyName", policy.policyName());
        effective.put("cron", "0 2 * * *");
        effective.put("timeZone", "UTC");
        effective.put("retention", retention);
        effective.put("retentionSource", "POLICY");
        decisions.add(Map.of("volumeId", volumeId, "decidedBy", step, "policies", List.of(effective)));
        return this;
    }

    public PolicyDouble applies(String volumeId, PolicyRef policy, Retention retention) {
        return applies(volumeId, policy, retention, "RULE");
    }

    /** Sends the decisions to the double (every other volume is UNCOVERED). */
    public void install() {
        send("PUT", "/_double/decisions", TestCloud.write(decisions));
    }

    /**
     * Every resolution request fails from now on, until decisions are installed again: answered with {@code status},
     * or with the connection dropped when it is 0.
     */
    public static void failWith(int status) {
        send("PUT", "/_double/failure", "{\"status\":" + status + "}");
    }

    /** {@code requests} and {@code unauthorized} counts of resolution calls so far. */
    public static JsonNode stats() {
        return TestCloud.read(send("GET", "/_double/stats", null));
    }

    private static String send(String method, String path, String body) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                            URI.create(System.getProperty(PolicyDoubleResource.PROP_URL) + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
