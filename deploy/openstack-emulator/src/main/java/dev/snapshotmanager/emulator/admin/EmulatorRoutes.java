package dev.snapshotmanager.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.emulator.OpenStackEmulator;
import dev.snapshotmanager.emulator.faults.FaultSettings;
import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Pipeline;
import dev.snapshotmanager.emulator.http.Reply;
import dev.snapshotmanager.emulator.http.Style;
import dev.snapshotmanager.emulator.http.Times;
import dev.snapshotmanager.emulator.model.Snapshot;
import dev.snapshotmanager.emulator.scenario.Scenario;
import dev.snapshotmanager.emulator.scenario.ScenarioLoader;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** The emulator's own API under {@code /_emulator}: scenarios, faults, inspection, counters, reset. */
public final class EmulatorRoutes {

    private static final String BASE = "/_emulator";
    private final OpenStackEmulator emulator;

    public EmulatorRoutes(OpenStackEmulator emulator) {
        this.emulator = emulator;
    }

    public void install(Router router, Pipeline p) {
        p.route(router, HttpMethod.GET, BASE, "emulator.summary", Style.EMULATOR, false, c -> Reply.ok(summary()));
        p.route(router, HttpMethod.POST, BASE + "/scenario", "emulator.scenario", Style.EMULATOR, false, this::load);
        p.route(router, HttpMethod.POST, BASE + "/generate", "emulator.generate", Style.EMULATOR, false,
                this::generate);
        p.route(router, HttpMethod.POST, BASE + "/reset", "emulator.reset", Style.EMULATOR, false, c -> {
            emulator.reset();
            return Reply.ok(summary());
        });
        p.route(router, HttpMethod.GET, BASE + "/faults", "emulator.faults", Style.EMULATOR, false,
                c -> Reply.ok(emulator.faults().settings()));
        p.route(router, HttpMethod.PUT, BASE + "/faults", "emulator.faults", Style.EMULATOR, false, this::faults);
        p.route(router, HttpMethod.DELETE, BASE + "/faults", "emulator.faults", Style.EMULATOR, false, c -> {
            emulator.faults().reset();
            return Reply.noContent();
        });
        p.route(router, HttpMethod.POST, BASE + "/faults/expire-tokens", "emulator.faults", Style.EMULATOR, false,
                c -> {
                    emulator.faults().expireTokens();
                    return Reply.noContent();
                });
        p.route(router, HttpMethod.PUT, BASE + "/token-ttl", "emulator.token-ttl", Style.EMULATOR, false, this::ttl);
        p.route(router, HttpMethod.GET, BASE + "/snapshots", "emulator.snapshots", Style.EMULATOR, false,
                this::snapshots);
        p.route(router, HttpMethod.GET, BASE + "/counters", "emulator.counters", Style.EMULATOR, false,
                c -> Reply.ok(Json.obj("counters", emulator.counters().snapshot())));
        p.route(router, HttpMethod.DELETE, BASE + "/counters", "emulator.counters", Style.EMULATOR, false, c -> {
            emulator.counters().reset();
            return Reply.noContent();
        });
    }

    private Map<String, Object> summary() {
        var identity = emulator.state().identity();
        return Json.obj("baseUrl", emulator.baseUrl(), "authUrl", emulator.authUrl(),
                "projects", identity.projects().size(), "users", identity.users().size(),
                "volumes", emulator.state().blockStorage().volumeCount(),
                "snapshots", emulator.state().blockStorage().allSnapshots().size());
    }

    private Reply load(Call call) {
        String raw = call.rawBody();
        if (raw == null || raw.isBlank()) {
            throw new ApiException(400, "badRequest", "A scenario (JSON or YAML) is required");
        }
        emulator.load(ScenarioLoader.parse(raw));
        return Reply.ok(summary());
    }

    private Reply generate(Call call) {
        Scenario.GeneratorSpec spec = read(call, Scenario.GeneratorSpec.class);
        emulator.load(new Scenario(null, null, null, null, null, null, null, null, spec));
        return Reply.ok(summary());
    }

    private Reply faults(Call call) {
        emulator.faults().apply(read(call, FaultSettings.class));
        return Reply.ok(emulator.faults().settings());
    }

    private Reply ttl(Call call) {
        JsonNode body = call.body();
        if (!body.path("seconds").canConvertToLong()) {
            throw ApiException.badRequest("'seconds' is required");
        }
        emulator.state().identity().tokenTtl(Duration.ofSeconds(body.get("seconds").asLong()));
        return Reply.noContent();
    }

    private Reply snapshots(Call call) {
        String project = call.query("project_id");
        String volume = call.query("volume_id");
        return Reply.ok(Json.obj("snapshots", emulator.snapshots().stream()
                .filter(s -> (project == null || project.equals(s.projectId()))
                        && (volume == null || volume.equals(s.volumeId())))
                .map(EmulatorRoutes::view).toList()));
    }

    private static Map<String, Object> view(Snapshot s) {
        return Json.obj("id", s.id(), "project_id", s.projectId(), "volume_id", s.volumeId(), "user_id", s.userId(),
                "name", s.name(), "description", s.description(), "status", s.status(), "size", s.size(),
                "progress", s.progress(), "metadata", s.metadata(), "created_at", Times.cinder(s.createdAt()),
                "updated_at", Times.cinder(s.updatedAt()));
    }

    private static <T> T read(Call call, Class<T> type) {
        try {
            return Json.MAPPER.readValue(call.rawBody() == null || call.rawBody().isBlank() ? "{}" : call.rawBody(),
                    type);
        } catch (IOException e) {
            throw ApiException.badRequest("Invalid " + type.getSimpleName() + ": "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }
}
