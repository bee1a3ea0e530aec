package dev.snapshotmanager.systemtests.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens from the stack's Keycloak, as other tools get them: the password grant of the public client
 * {@code snapshot-e2e-tests} for the demo users, and the client-credentials grant of {@code snapshot-platform-tool}.
 * Tokens are reused until shortly before they expire (the realm gives them 5 minutes).
 */
public final class Tokens {

    /** Public client of the realm with direct access grants (password grant). */
    public static final String PASSWORD_CLIENT = "snapshot-e2e-tests";
    /** Confidential client with a service account (role operator), for platform tools. */
    public static final String PLATFORM_TOOL_CLIENT = "snapshot-platform-tool";
    /** Its demo-only secret from realm.json. */
    public static final String PLATFORM_TOOL_SECRET = "demo-only-platform-tool-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Duration LOCKOUT_PATIENCE = Duration.ofSeconds(90);

    private record Cached(String token, Instant refreshAfter) {
    }

    /** Keycloak answered invalid_grant. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final String tokenUrl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Tokens(String realmUrl) {
        this.tokenUrl = realmUrl + "/protocol/openid-connect/token";
    }

    /** The token endpoint of the realm. */
    public String tokenUrl() {
        return tokenUrl;
    }

    /** An access token of a demo user (password grant). */
    public String of(DemoUser user) {
        return cached("user:" + user.username(), Map.of("grant_type", "password", "client_id", PASSWORD_CLIENT,
                "username", user.username(), "password", user.password()));
    }

    /** An access token of the platform-tool client's service account (client-credentials grant). */
    public String platformTool() {
        return cached("client:" + PLATFORM_TOOL_CLIENT, Map.of("grant_type", "client_credentials",
                "client_id", PLATFORM_TOOL_CLIENT, "client_secret", PLATFORM_TOOL_SECRET));
    }

    private String cached(String key, Map<String, String> form) {
        Cached hit = cache.get(key);
        if (hit != null && Instant.now().isBefore(hit.refreshAfter())) {
            return hit.token();
        }
        Cached fresh = fetch(form);
        cache.put(key, fresh);
        return fresh.token();
    }

    /**
     * The realm's brute-force protection locks a user for a minute after quick failed logins (a browser test that
     * typed a wrong password, for instance); Keycloak then answers {@code invalid_grant} even for the right
     * password. So a refusal is retried for a while before it fails the test, with that hint.
     */
    private Cached fetch(Map<String, String> form) {
        long deadline = System.nanoTime() + LOCKOUT_PATIENCE.toNanos();
        while (true) {
            try {
                return fetchOnce(form);
            } catch (Refused e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(e.getMessage() + " (still refused after " + LOCKOUT_PATIENCE
                            + "; the realm's brute-force protection locks a user after failed logins)", e);
                }
                SystemStack.sleep(5000);
            }
        }
    }

    private Cached fetchOnce(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400 && response.body().contains("invalid_grant")) {
                throw new Refused("Keycloak refused a token (" + form.get("grant_type") + ", "
                        + form.getOrDefault("username", form.get("client_id")) + "): " + response.body());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + form.get("grant_type") + ", "
                        + form.getOrDefault("username", form.get("client_id")) + "): HTTP " + response.statusCode()
                        + " " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            long lifetime = answer.path("expires_in").asLong(60);
            return new Cached(answer.get("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(5, lifetime - 30)));
        } catch (IOException e) {
            throw new IllegalStateException("no token from " + tokenUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
