package dev.snapshotmanager.emulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Pipeline;
import dev.snapshotmanager.emulator.http.Reply;
import dev.snapshotmanager.emulator.http.Style;
import dev.snapshotmanager.emulator.http.Times;
import dev.snapshotmanager.emulator.state.BlockStorageStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** {@code GET|POST|PUT .../{id}/metadata} and {@code GET|PUT|DELETE .../{id}/metadata/{key}} of volumes and snapshots. */
public final class MetadataRoutes {

    /** Reads and changes the metadata of one kind of resource. */
    private interface Target {
        Map<String, String> read(Call call, String id);

        Map<String, String> change(String id, UnaryOperator<Map<String, String>> change);
    }

    private final String collection;
    private final String kind;
    private final Target target;

    private MetadataRoutes(String collection, String kind, Target target) {
        this.collection = collection;
        this.kind = kind;
        this.target = target;
    }

    public static MetadataRoutes volumes(BlockStorageStore store) {
        return new MetadataRoutes("volumes", "Volume", new Target() {
            public Map<String, String> read(Call call, String id) {
                return VolumeRoutes.visible(store, call, id).metadata();
            }

            public Map<String, String> change(String id, UnaryOperator<Map<String, String>> change) {
                return store.updateVolume(id, v -> v.withMetadata(change.apply(v.metadata()), Times.nowMicros()))
                        .orElseThrow(() -> ApiException.notFound("Volume " + id + " could not be found.")).metadata();
            }
        });
    }

    public static MetadataRoutes snapshots(BlockStorageStore store) {
        return new MetadataRoutes("snapshots", "Snapshot", new Target() {
            public Map<String, String> read(Call call, String id) {
                return SnapshotRoutes.visible(store, call, id).metadata();
            }

            public Map<String, String> change(String id, UnaryOperator<Map<String, String>> change) {
                return store.updateSnapshot(id, s -> s.withMetadata(change.apply(s.metadata()), Times.nowMicros()))
                        .orElseThrow(() -> ApiException.notFound("Snapshot " + id + " could not be found."))
                        .metadata();
            }
        });
    }

    public void install(Router router, Pipeline p) {
        String base = VolumeRoutes.BASE + "/" + collection + "/:id/metadata";
        String op = collection + ".metadata";
        p.route(router, HttpMethod.GET, base, op + ".get", Style.CINDER, true,
                call -> Reply.ok(Json.obj("metadata", target.read(call, call.path("id")))));
        p.route(router, HttpMethod.POST, base, op + ".merge", Style.CINDER, true, call -> write(call, true));
        p.route(router, HttpMethod.PUT, base, op + ".replace", Style.CINDER, true, call -> write(call, false));
        p.route(router, HttpMethod.GET, base + "/:key", op + ".get", Style.CINDER, true, this::showKey);
        p.route(router, HttpMethod.PUT, base + "/:key", op + ".put", Style.CINDER, true, this::putKey);
        p.route(router, HttpMethod.DELETE, base + "/:key", op + ".delete", Style.CINDER, true, this::deleteKey);
    }

    private Reply write(Call call, boolean merge) {
        String id = call.path("id");
        target.read(call, id);
        JsonNode body = call.body();
        if (!body.has("metadata")) {
            throw ApiException.badRequest("Malformed request body");
        }
        Map<String, String> given = SnapshotSchema.metadata(body.get("metadata"), "metadata");
        Map<String, String> result = target.change(id, current -> {
            Map<String, String> next = merge ? new LinkedHashMap<>(current) : new LinkedHashMap<>();
            next.putAll(given);
            return next;
        });
        return Reply.ok(Json.obj("metadata", merge ? result : given));
    }

    private Reply showKey(Call call) {
        String id = call.path("id");
        String key = call.path("key");
        String value = target.read(call, id).get(key);
        if (value == null) {
            throw missingKey(id, key);
        }
        return Reply.ok(Json.obj("meta", Json.obj(key, value)));
    }

    private Reply putKey(Call call) {
        String id = call.path("id");
        String key = call.path("key");
        target.read(call, id);
        JsonNode meta = call.body().get("meta");
        if (meta == null || !meta.isObject()) {
            throw ApiException.badRequest("Malformed request body");
        }
        if (!meta.has(key)) {
            throw ApiException.badRequest("Request body and URI mismatch");
        }
        if (meta.size() > 1) {
            throw ApiException.badRequest("Request body contains too many items");
        }
        Map<String, String> given = SnapshotSchema.metadata(meta, "meta");
        target.change(id, current -> {
            Map<String, String> next = new LinkedHashMap<>(current);
            next.putAll(given);
            return next;
        });
        return Reply.ok(Json.obj("meta", given));
    }

    private Reply deleteKey(Call call) {
        String id = call.path("id");
        String key = call.path("key");
        if (!target.read(call, id).containsKey(key)) {
            throw missingKey(id, key);
        }
        target.change(id, current -> {
            Map<String, String> next = new LinkedHashMap<>(current);
            next.remove(key);
            return next;
        });
        return Reply.ok(null);
    }

    private ApiException missingKey(String id, String key) {
        return ApiException.notFound(kind + " " + id + " has no metadata with key " + key + ".");
    }
}
