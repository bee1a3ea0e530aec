package dev.snapshotmanager.emulator.cinder;

import dev.snapshotmanager.emulator.faults.Faults;
import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Pipeline;
import dev.snapshotmanager.emulator.http.Reply;
import dev.snapshotmanager.emulator.http.Style;
import dev.snapshotmanager.emulator.model.Volume;
import dev.snapshotmanager.emulator.state.BlockStorageStore;
import dev.snapshotmanager.emulator.state.CloudState;
import dev.snapshotmanager.emulator.state.ListQuery;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** Cinder v3 volumes: list (summary and detail, all_tenants, filters, paging) and show. */
public final class VolumeRoutes {

    static final String BASE = "/volume/v3/:project_id";
    private static final List<String> MEMBER_FILTERS = List.of("name", "status", "metadata", "availability_zone",
            "bootable");

    private final CloudState state;
    private final BlockStorageStore store;
    private final Faults faults;

    public VolumeRoutes(CloudState state, Faults faults) {
        this.state = state;
        this.store = state.blockStorage();
        this.faults = faults;
    }

    public void install(Router router, Pipeline p) {
        p.route(router, HttpMethod.GET, BASE + "/volumes", "volumes.list", Style.CINDER, true,
                call -> list(call, CinderViews::volumeSummary));
        p.route(router, HttpMethod.GET, BASE + "/volumes/detail", "volumes.list", Style.CINDER, true,
                call -> list(call, CinderViews::volumeDetail));
        p.route(router, HttpMethod.GET, BASE + "/volumes/:id", "volumes.get", Style.CINDER, true, this::show);
    }

    private Reply list(Call call, java.util.function.BiFunction<Call, Volume, Map<String, Object>> view) {
        String projectId = call.projectId();
        if (call.isAdmin() && ListParams.truthy(call.query("all_tenants"))) {
            projectId = call.query("project_id");
        }
        ListQuery<Volume> query = ListParams.query(call, projectId, filter(call));
        if (query.marker() != null && store.volume(query.marker()).isPresent()
                && faults.markerVanishes("volumes.list")) {
            state.removeVolume(query.marker());
        }
        List<Volume> page = store.volumes(query);
        List<Map<String, Object>> items = page.stream().map(v -> view.apply(call, v)).toList();
        String last = page.isEmpty() ? null : page.get(page.size() - 1).id();
        return Reply.ok(ListParams.page(call, "volumes", items, query.limit(), last));
    }

    private Reply show(Call call) {
        return Reply.ok(Json.obj("volume", CinderViews.volumeDetail(call, visible(store, call, call.path("id")))));
    }

    /** The volume if the caller may see it (own project, or admin), else 404 as Cinder answers. */
    static Volume visible(BlockStorageStore store, Call call, String id) {
        return store.volume(id).filter(v -> call.isAdmin() || v.projectId().equals(call.projectId()))
                .orElseThrow(() -> ApiException.notFound("Volume " + id + " could not be found."));
    }

    private static Predicate<Volume> filter(Call call) {
        Predicate<Volume> filter = v -> true;
        filter = and(call, filter, "name", Volume::name);
        filter = and(call, filter, "status", Volume::status);
        filter = and(call, filter, "availability_zone", Volume::availabilityZone);
        filter = and(call, filter, "bootable", v -> String.valueOf(v.bootable()));
        Map<String, String> metadata = Filters.metadata(call.query("metadata"));
        if (!metadata.isEmpty()) {
            filter = filter.and(v -> v.metadata().entrySet().containsAll(metadata.entrySet()));
        }
        return filter;
    }

    private static Predicate<Volume> and(Call call, Predicate<Volume> filter, String param,
                                         Function<Volume, String> column) {
        String wanted = call.query(param);
        if (wanted == null || (!call.isAdmin() && !MEMBER_FILTERS.contains(param))) {
            return filter;
        }
        String value = param.equals("bootable") ? String.valueOf(ListParams.truthy(wanted)) : wanted;
        return filter.and(v -> value.equals(column.apply(v)));
    }
}
