package dev.snapshotmanager.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the demo policy sets and rules of {@code demo-seed.json} through policy-service's API with a token of the
 * demo user {@code superadmin}. Idempotent: a 409 (exists) counts as done and its {@code conflictingId} is kept for
 * later steps. A step whose endpoint policy-service does not offer (per its OpenAPI document) is skipped.
 */
final class DemoSeed {

    static final String SEED_USER = "superadmin";
    static final String SEED_PASSWORD = "demo-superadmin";
    static final String SEED_CLIENT = "snapshot-e2e-tests";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    /** One seed step. */
    record Step(String describe, List<String> paths, String saveAs, JsonNode body) {
    }

    private DemoSeed() {
    }

    static List<Step> steps() {
        try (InputStream in = DemoSeed.class.getResourceAsStream("demo-seed.json")) {
            JsonNode root = JSON.readTree(in);
            List<Step> steps = new ArrayList<>();
            for (JsonNode s : root.get("steps")) {
                List<String> paths = new ArrayList<>();
                s.get("paths").forEach(p -> paths.add(p.asText()));
                steps.add(new Step(s.get("describe").asText(), paths,
                        s.hasNonNull("saveAs") ? s.get("saveAs").asText() : null, s.get("body")));
            }
            return steps;
        } catch (IOException e) {
            throw new UncheckedIOException("demo-seed.json is unreadable", e);
        }
    }

    /** The body with every {@code {{name}}} replaced by a saved id; empty when one is not known. */
    static Optional<String> resolve(JsonNode body, Map<String, String> saved) {
        String text = body.toString();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = saved.get(m.group(1));
            if (id == null) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(id));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    /** The first of the step's paths that the service offers. */
    static Optional<String> choosePath(List<String> candidates, Set<String> offered) {
        return candidates.stream().filter(offered::contains).findFirst();
    }

    /** Runs every step; returns one line per step for the console. */
    static List<String> run(StackSettings settings, String serviceUrl) throws IOException, InterruptedException {
        String token = token(settings);
        Set<String> offered = offeredPaths(serviceUrl);
        Map<String, String> saved = new HashMap<>();
        List<String> report = new ArrayList<>();
        for (Step step : steps()) {
            Optional<String> path = choosePath(step.paths(), offered);
            Optional<String> body = resolve(step.body(), saved);
            if (path.isEmpty()) {
                report.add("skipped " + step.describe() + ": policy-service has no " + step.paths().get(0) + " yet");
                continue;
            }
            if (body.isEmpty()) {
                report.add("skipped " + step.describe() + ": a policy set it names was not created");
                continue;
            }
            HttpResponse<String> response = Http.postJson(serviceUrl + path.get(), token, body.get());
            JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            String id = null;
            if (response.statusCode() == 201) {
                id = answer.path("id").asText(null);
                report.add("created " + step.describe());
            } else if (response.statusCode() == 409) {
                id = answer.path("conflictingId").asText(null);
                report.add("exists  " + step.describe());
            } else {
                report.add("FAILED  " + step.describe() + ": HTTP " + response.statusCode() + " "
                        + answer.path("detail").asText(response.body()));
            }
            if (step.saveAs() != null && id != null) {
                saved.put(step.saveAs(), id);
            }
        }
        return report;
    }

    private static String token(StackSettings settings) throws IOException, InterruptedException {
        HttpResponse<String> response = Http.postForm(settings.realmUrl() + "/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", SEED_CLIENT, "username", SEED_USER,
                        "password", SEED_PASSWORD));
        if (response.statusCode() != 200) {
            throw new IOException("Keycloak refused a token for " + SEED_USER + ": HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static Set<String> offeredPaths(String serviceUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = Http.get(serviceUrl + "/q/openapi?format=json", null);
        Set<String> paths = new TreeSet<>();
        if (response.statusCode() == 200) {
            Iterator<String> names = JSON.readTree(response.body()).path("paths").fieldNames();
            names.forEachRemaining(paths::add);
        }
        return paths;
    }
}
