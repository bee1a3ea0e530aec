package dev.snapshotmanager.emulator.keystone;

import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.scenario.ScenarioApplier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A devstack-like service catalog built from the emulator's base URL. Block storage comes first (as
 * {@code block-storage}/{@code cinder} and {@code volumev3}/{@code cinderv3}), then compute, then identity.
 */
public final class Catalog {

    public static final String REGION = "RegionOne";

    private Catalog() {
    }

    public static List<Map<String, Object>> build(String baseUrl, String projectId) {
        String volume = baseUrl + "/volume/v3/" + projectId;
        List<Map<String, Object>> services = new ArrayList<>();
        services.add(service("block-storage", "cinder", volume));
        services.add(service("volumev3", "cinderv3", volume));
        services.add(service("compute", "nova", baseUrl + "/compute/v2.1"));
        services.add(service("identity", "keystone", baseUrl + "/identity"));
        return services;
    }

    private static Map<String, Object> service(String type, String name, String url) {
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (String iface : List.of("public", "internal", "admin")) {
            endpoints.add(Json.obj("id", ScenarioApplier.keystoneId("endpoint", type + "/" + iface),
                    "interface", iface, "region_id", REGION, "url", url, "region", REGION));
        }
        return Json.obj("endpoints", endpoints, "id", ScenarioApplier.keystoneId("service", type),
                "type", type, "name", name);
    }
}
