package dev.snapshotmanager.emulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Pipeline;
import dev.snapshotmanager.emulator.http.Reply;
import dev.snapshotmanager.emulator.http.Style;
import dev.snapshotmanager.emulator.model.Quota;
import dev.snapshotmanager.emulator.state.BlockStorageStore;
import dev.snapshotmanager.emulator.state.Usage;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import java.util.Iterator;
import java.util.Map;

/** Cinder {@code /limits} and {@code /os-quota-sets/{project}} (show with or without usage, defaults, update). */
public final class QuotaRoutes {

    private static final String TYPE = "lvmdriver-1";
    private final BlockStorageStore store;

    public QuotaRoutes(BlockStorageStore store) {
        this.store = store;
    }

    public void install(Router router, Pipeline p) {
        String sets = VolumeRoutes.BASE + "/os-quota-sets/:target";
        p.route(router, HttpMethod.GET, VolumeRoutes.BASE + "/limits", "limits.get", Style.CINDER, true, this::limits);
        p.route(router, HttpMethod.GET, sets + "/defaults", "quotas.defaults", Style.CINDER, true, this::defaults);
        p.route(router, HttpMethod.GET, sets, "quotas.get", Style.CINDER, true, this::show);
        p.route(router, HttpMethod.PUT, sets, "quotas.update", Style.CINDER, true, this::update);
        p.route(router, HttpMethod.DELETE, sets, "quotas.delete", Style.CINDER, true, this::reset);
    }

    private Reply limits(Call call) {
        Quota q = store.quota(call.projectId());
        Usage u = store.usage(call.projectId());
        return Reply.ok(Json.obj("limits", Json.obj("rate", java.util.List.of(), "absolute", Json.obj(
                "totalSnapshotsUsed", u.snapshots(), "maxTotalBackups", q.backups(),
                "maxTotalVolumeGigabytes", q.gigabytes(), "maxTotalSnapshots", q.snapshots(),
                "maxTotalBackupGigabytes", q.backupGigabytes(), "totalBackupGigabytesUsed", 0,
                "maxTotalVolumes", q.volumes(), "totalVolumesUsed", u.volumes(), "totalBackupsUsed", 0,
                "totalGigabytesUsed", u.gigabytes()))));
    }

    private Reply show(Call call) {
        String target = call.path("target");
        if (!call.isAdmin() && !target.equals(call.projectId())) {
            throw policy("volume_extension:quotas:show");
        }
        boolean usage = ListParams.truthy(call.query("usage"));
        Quota q = store.quota(target);
        Usage u = store.usage(target);
        Map<String, Object> body = Json.obj("id", target);
        body.putAll(usage ? withUsage(q, u) : plain(q));
        return Reply.ok(Json.obj("quota_set", body));
    }

    private Reply defaults(Call call) {
        Map<String, Object> body = Json.obj("id", call.path("target"));
        body.putAll(plain(store.defaultQuota()));
        return Reply.ok(Json.obj("quota_set", body));
    }

    private Reply update(Call call) {
        if (!call.isAdmin()) {
            throw policy("volume_extension:quotas:update");
        }
        JsonNode set = call.body().get("quota_set");
        if (set == null || !set.isObject()) {
            throw ApiException.badRequest("Missing required element 'quota_set' in request body.");
        }
        Quota q = store.quota(call.path("target"));
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt() && !e.getValue().asText().matches("-?\\d+")) {
                throw ApiException.badRequest("Invalid input received: " + e.getKey() + " must be an integer.");
            }
            q = q.with(e.getKey(), e.getValue().asInt());
        }
        store.setQuota(call.path("target"), q);
        return Reply.ok(Json.obj("quota_set", plain(q)));
    }

    private Reply reset(Call call) {
        if (!call.isAdmin()) {
            throw policy("volume_extension:quotas:delete");
        }
        store.setQuota(call.path("target"), store.defaultQuota());
        return Reply.ok(null);
    }

    private static Map<String, Object> plain(Quota q) {
        return Json.obj("volumes", q.volumes(), "snapshots", q.snapshots(), "gigabytes", q.gigabytes(),
                "backups", q.backups(), "backup_gigabytes", q.backupGigabytes(),
                "per_volume_gigabytes", q.perVolumeGigabytes(), "groups", q.groups(),
                "volumes_" + TYPE, -1, "snapshots_" + TYPE, -1, "gigabytes_" + TYPE, -1);
    }

    private static Map<String, Object> withUsage(Quota q, Usage u) {
        return Json.obj("volumes", used(q.volumes(), u.volumes()), "snapshots", used(q.snapshots(), u.snapshots()),
                "gigabytes", used(q.gigabytes(), u.gigabytes()), "backups", used(q.backups(), 0),
                "backup_gigabytes", used(q.backupGigabytes(), 0),
                "per_volume_gigabytes", used(q.perVolumeGigabytes(), 0), "groups", used(q.groups(), 0),
                "volumes_" + TYPE, used(-1, 0), "snapshots_" + TYPE, used(-1, 0), "gigabytes_" + TYPE, used(-1, 0));
    }

    private static Map<String, Object> used(int limit, long inUse) {
        return Json.obj("limit", limit, "in_use", inUse, "reserved", 0);
    }

    private static ApiException policy(String rule) {
        return ApiException.forbidden("Policy doesn't allow " + rule + " to be performed.");
    }
}
