package dev.snapshotmanager.emulator.cinder;

import dev.snapshotmanager.emulator.model.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.emulator.faults.Faults;
import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Pipeline;
import dev.snapshotmanager.emulator.http.Reply;
import dev.snapshotmanager.emulator.http.Style;
import dev.snapshotmanager.emulator.http.Times;
import dev.snapshotmanager.emulator.model.Snapshot;
import dev.snapshotmanager.emulator.model.Volume;
import dev.snapshotmanager.emulator.state.BlockStorageStore;
import dev.snapshotmanager.emulator.state.ListQuery;
import dev.snapshotmanager.emulator.state.QuotaExceededException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** Cinder v3 snapshots: create, list (summary/detail), show, update, delete. */
public final class SnapshotRoutes {

    private static final String BASE = VolumeRoutes.BASE + "/snapshots";
    private static final String FORCE_AT_366 = "Since microversion 3.66, the 'force' flag is invalid for this "
            + "request. For backward compatability, however, when the 'force' flag is passed with a value "
            + "evaluating to True, it is silently ignored.";

    private final BlockStorageStore store;
    private final SnapshotLifecycle lifecycle;
    private final Faults faults;

    public SnapshotRoutes(BlockStorageStore store, SnapshotLifecycle lifecycle, Faults faults) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.faults = faults;
    }

    public void install(Router router, Pipeline p) {
        p.route(router, HttpMethod.POST, BASE, "snapshots.create", Style.CINDER, true, this::create);
        p.route(router, HttpMethod.GET, BASE, "snapshots.list", Style.CINDER, true,
                call -> list(call, CinderViews::snapshotSummary));
        p.route(router, HttpMethod.GET, BASE + "/detail", "snapshots.list", Style.CINDER, true,
                call -> list(call, CinderViews::snapshotDetail));
        p.route(router, HttpMethod.GET, BASE + "/:id", "snapshots.get", Style.CINDER, true, this::show);
        p.route(router, HttpMethod.PUT, BASE + "/:id", "snapshots.update", Style.CINDER, true, this::update);
        p.route(router, HttpMethod.DELETE, BASE + "/:id", "snapshots.delete", Style.CINDER, true, this::delete);
    }

    private Reply create(Call call) {
        JsonNode body = SnapshotSchema.envelope(call.body(), SnapshotSchema.CREATE_KEYS);
        String volumeId = SnapshotSchema.volumeId(body);
        Map<String, String> metadata = SnapshotSchema.metadata(body.get("metadata"), "metadata");
        boolean force = SnapshotSchema.force(body);
        if (call.atLeast(66) && body.hasNonNull("force") && !force) {
            throw ApiException.badRequest(FORCE_AT_366);
        }
        Volume volume = VolumeRoutes.visible(store, call, volumeId);
        List<String> allowed = force || call.atLeast(66) ? List.of("available", "in-use") : List.of("available");
        if (!allowed.contains(volume.status())) {
            throw new ApiException(400, "badRequest", "Invalid volume: Volume " + volumeId + " status must be "
                    + String.join(" or ", allowed) + ", but current status is: " + volume.status() + ".");
        }
        Snapshot snapshot = new Snapshot(Ids.uuid(), call.projectId(), call.token().userId(),
                volumeId, SnapshotSchema.text(body, "name", "display_name"),
                SnapshotSchema.text(body, "description", null), "creating", volume.size(), Times.nowMicros(), 0,
                metadata, "0%");
        try {
            store.createSnapshot(snapshot);
        } catch (QuotaExceededException e) {
            throw quotaError(e);
        }
        Reply reply = Reply.status(202, Json.obj("snapshot", CinderViews.snapshotCreated(call, snapshot)));
        lifecycle.created(snapshot);
        return reply;
    }

    private static ApiException quotaError(QuotaExceededException e) {
        if (e.resource().equals("gigabytes")) {
            return ApiException.overLimit("VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds "
                    + "allowed gigabytes quota. Requested " + e.requested() + "G, quota is " + e.limit()
                    + "G and " + e.consumed() + "G has been consumed.");
        }
        return ApiException.overLimit("SnapshotLimitExceeded: Maximum number of snapshots allowed ("
                + e.limit() + ") exceeded");
    }

    private Reply list(Call call, BiFunction<Call, Snapshot, Map<String, Object>> view) {
        String projectId = call.projectId();
        if (call.isAdmin() && ListParams.truthy(call.query("all_tenants"))) {
            projectId = call.query("project_id");
        }
        ListQuery<Snapshot> query = ListParams.query(call, projectId, filter(call));
        String volumeId = call.query("volume_id");
        if (query.marker() != null && store.snapshot(query.marker()).isPresent()
                && faults.markerVanishes("snapshots.list")) {
            store.removeSnapshot(query.marker());
        }
        List<Snapshot> page = volumeId != null ? store.snapshotsOfVolume(volumeId, query) : store.snapshots(query);
        List<Map<String, Object>> items = page.stream().map(s -> view.apply(call, s)).toList();
        String last = page.isEmpty() ? null : page.get(page.size() - 1).id();
        return Reply.ok(ListParams.page(call, "snapshots", items, query.limit(), last));
    }

    private static Predicate<Snapshot> filter(Call call) {
        Predicate<Snapshot> filter = s -> true;
        String status = call.query("status");
        String name = call.query("name");
        if (status != null) {
            filter = filter.and(s -> status.equals(s.status()));
        }
        if (name != null) {
            filter = filter.and(s -> name.equals(s.name()));
        }
        if (call.atLeast(22)) {
            Map<String, String> metadata = Filters.metadata(call.query("metadata"));
            if (!metadata.isEmpty()) {
                filter = filter.and(s -> s.metadata().entrySet().containsAll(metadata.entrySet()));
            }
        }
        return filter;
    }

    private Reply show(Call call) {
        return Reply.ok(Json.obj("snapshot", CinderViews.snapshotDetail(call, visible(store, call, call.path("id")))));
    }

    private Reply update(Call call) {
        String id = call.path("id");
        JsonNode body = SnapshotSchema.envelope(call.body(), SnapshotSchema.UPDATE_KEYS);
        if (body.isEmpty()) {
            throw SnapshotSchema.invalid("snapshot", body, "{} does not have enough properties");
        }
        Snapshot current = visible(store, call, id);
        String name = body.has("name") || body.has("display_name")
                ? SnapshotSchema.text(body, "name", "display_name") : current.name();
        String description = body.has("description") || body.has("display_description")
                ? SnapshotSchema.text(body, "description", "display_description") : current.description();
        Snapshot updated = store.updateSnapshot(id, s -> s.withText(name, description, Times.nowMicros()))
                .orElseThrow(() -> notFound(id));
        return Reply.ok(Json.obj("snapshot", CinderViews.snapshotDetail(call, updated)));
    }

    private Reply delete(Call call) {
        String id = call.path("id");
        Snapshot snapshot = visible(store, call, id);
        String status = snapshot.status();
        if (!(status.equals("available") || status.equals("error"))
                || !store.transition(id, status, "deleting", snapshot.progress(), Times.nowMicros())) {
            throw ApiException.badRequest("Invalid snapshot: Snapshot status must be available or error and must "
                    + "not be part of a group.");
        }
        lifecycle.deleting(id);
        return Reply.acceptedEmpty();
    }

    /** The snapshot if the caller may see it (own project, or admin), else 404. */
    static Snapshot visible(BlockStorageStore store, Call call, String id) {
        return store.snapshot(id).filter(s -> call.isAdmin() || s.projectId().equals(call.projectId()))
                .orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Snapshot " + id + " could not be found.");
    }
}
