package dev.snapshotmanager.emulator.nova;

import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Pipeline;
import dev.snapshotmanager.emulator.http.Reply;
import dev.snapshotmanager.emulator.http.Style;
import dev.snapshotmanager.emulator.http.Times;
import dev.snapshotmanager.emulator.model.Server;
import dev.snapshotmanager.emulator.state.CloudState;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Map;

/** Nova 2.1 servers: {@code GET /servers}, {@code /servers/detail} (all_tenants for admin) and {@code /servers/{id}}. */
public final class ServerRoutes {

    private static final String BASE = "/compute/v2.1";
    private static final int MAX_LIMIT = 1000;
    private final CloudState state;

    public ServerRoutes(CloudState state) {
        this.state = state;
    }

    public void install(Router router, Pipeline p) {
        p.route(router, HttpMethod.GET, BASE + "/servers", "servers.list", Style.NOVA, true, call -> list(call, false));
        p.route(router, HttpMethod.GET, BASE + "/servers/detail", "servers.list", Style.NOVA, true,
                call -> list(call, true));
        p.route(router, HttpMethod.GET, BASE + "/servers/:id", "servers.get", Style.NOVA, true, this::show);
    }

    private Reply list(Call call, boolean detail) {
        String projectId = call.projectId();
        String allTenants = call.query("all_tenants");
        if (allTenants != null && !allTenants.equalsIgnoreCase("false") && !allTenants.equals("0")) {
            if (!call.isAdmin()) {
                throw ApiException.forbidden("Policy doesn't allow os_compute_api:servers:detail:get_all_tenants to "
                        + "be performed.");
            }
            projectId = call.query("project_id") != null ? call.query("project_id") : call.query("tenant_id");
        }
        int limit = MAX_LIMIT;
        if (call.query("limit") != null) {
            try {
                limit = Math.min(MAX_LIMIT, Integer.parseInt(call.query("limit")));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid input for query parameters limit. Value: "
                        + call.query("limit") + ". '" + call.query("limit") + "' does not match '^[0-9]*$'");
            }
        }
        String marker = call.query("marker");
        List<Map<String, Object>> servers = state.compute().servers(projectId, limit, marker)
                .orElseThrow(() -> ApiException.badRequest("marker [" + marker + "] not found"))
                .stream()
                .map(s -> detail ? detail(call, s) : Json.obj("id", s.id(), "links", links(call, s), "name", s.name()))
                .toList();
        return Reply.ok(Json.obj("servers", servers));
    }

    private Reply show(Call call) {
        String id = call.path("id");
        Server server = state.compute().server(id)
                .filter(s -> call.isAdmin() || s.projectId().equals(call.projectId()))
                .orElseThrow(() -> ApiException.notFound("Instance " + id + " could not be found."));
        return Reply.ok(Json.obj("server", detail(call, server)));
    }

    private Map<String, Object> detail(Call call, Server s) {
        Map<String, Object> body = Json.obj("id", s.id(), "name", s.name(), "status", s.status(),
                "tenant_id", s.projectId(), "user_id", s.userId(), "metadata", s.metadata(),
                "hostId", "", "image", s.imageId() == null || s.imageId().isEmpty() ? ""
                        : Json.obj("id", s.imageId(), "links", List.of()),
                "flavor", Json.obj("id", s.flavorId(), "links", List.of()),
                "created", Times.nova(s.createdAt()), "updated", Times.nova(s.updatedAt()),
                "addresses", Map.of(), "accessIPv4", "", "accessIPv6", "", "links", links(call, s),
                "OS-DCF:diskConfig", "AUTO", "progress", 0, "OS-EXT-AZ:availability_zone", "nova",
                "config_drive", "", "key_name", null,
                "OS-SRV-USG:launched_at", Times.cinder(s.createdAt()), "OS-SRV-USG:terminated_at", null,
                "OS-EXT-STS:task_state", null, "OS-EXT-STS:vm_state", s.status().toLowerCase(),
                "OS-EXT-STS:power_state", "ACTIVE".equals(s.status()) ? 1 : 4,
                "security_groups", List.of(Json.obj("name", "default")),
                "os-extended-volumes:volumes_attached",
                state.volumesAttachedTo(s.id()).stream().map(v -> Json.obj("id", v)).toList());
        if (call.isAdmin()) {
            body.put("OS-EXT-SRV-ATTR:host", "compute-1");
            body.put("OS-EXT-SRV-ATTR:instance_name", "instance-" + s.id().substring(0, 8));
            body.put("OS-EXT-SRV-ATTR:hypervisor_hostname", "compute-1");
        }
        return body;
    }

    private static List<Map<String, Object>> links(Call call, Server s) {
        return List.of(Json.obj("href", call.baseUrl() + BASE + "/servers/" + s.id(), "rel", "self"),
                Json.obj("href", call.baseUrl() + "/compute/servers/" + s.id(), "rel", "bookmark"));
    }
}
