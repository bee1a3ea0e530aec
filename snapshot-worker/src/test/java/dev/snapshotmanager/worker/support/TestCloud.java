package dev.snapshotmanager.worker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshotmanager.emulator.faults.FaultSettings;
import dev.snapshotmanager.emulator.scenario.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drives the emulator started by test-support's {@code OpenStackEmulatorResource} through its {@code /_emulator}
 * HTTP API (which works from any class loader), found from the Keystone URL the worker is configured with.
 */
public final class TestCloud {

    private static final String KEYSTONE_PATH = "/identity/v3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestCloud() {
    }

    public static String baseUrl() {
        String authUrl = ConfigProvider.getConfig().getValue("snapshot.openstack.auth-url", String.class);
        return authUrl.substring(0, authUrl.length() - KEYSTONE_PATH.length());
    }

    /** Replaces the cloud (and drops every fault). */
    public static void load(Scenario scenario) {
        send("DELETE", "/_emulator/faults", null);
        send("POST", "/_emulator/scenario", write(scenario));
    }

    public static void faults(FaultSettings faults) {
        send("PUT", "/_emulator/faults", write(faults));
    }

    public static void expireTokens() {
        send("POST", "/_emulator/faults/expire-tokens", null);
    }

    /** Every snapshot (newest first), optionally of one volume. */
    public static List<JsonNode> snapshots(String volumeId) {
        JsonNode body = read(send("GET", "/_emulator/snapshots" + (volumeId == null ? "" : "?volume_id=" + volumeId),
                null));
        List<JsonNode> out = new ArrayList<>();
        body.get("snapshots").forEach(out::add);
        return out;
    }

    /** Request counts by operation. */
    public static JsonNode counters() {
        return read(send("GET", "/_emulator/counters", null)).get("counters");
    }

    private static String send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
