package dev.snapshotmanager.emulator.cinder;

import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Times;
import dev.snapshotmanager.emulator.model.Attachment;
import dev.snapshotmanager.emulator.model.Snapshot;
import dev.snapshotmanager.emulator.model.Volume;

import java.util.List;
import java.util.Map;

/** Cinder v3 bodies of volumes and snapshots, by microversion and role. */
final class CinderViews {

    private CinderViews() {
    }

    static Map<String, Object> volumeSummary(Call call, Volume v) {
        return Json.obj("id", v.id(), "links", links(call, "volumes", v.id()), "name", v.name());
    }

    static Map<String, Object> volumeDetail(Call call, Volume v) {
        Map<String, Object> body = Json.obj(
                "id", v.id(), "name", v.name(), "description", v.description(), "status", v.status(),
                "size", v.size(), "availability_zone", v.availabilityZone(),
                "created_at", Times.cinder(v.createdAt()), "updated_at", Times.cinder(v.updatedAt()),
                "volume_type", v.volumeType(), "snapshot_id", v.snapshotId(), "source_volid", v.sourceVolid(),
                "metadata", v.metadata(), "links", links(call, "volumes", v.id()), "user_id", v.userId(),
                "bootable", String.valueOf(v.bootable()), "encrypted", v.encrypted(),
                "multiattach", v.multiattach(), "replication_status", null, "consistencygroup_id", null,
                "os-vol-tenant-attr:tenant_id", v.projectId(),
                "attachments", v.attachments().stream().map(a -> attachment(v, a)).toList());
        if (call.isAdmin()) {
            body.put("os-vol-host-attr:host", "devstack@lvmdriver-1#lvmdriver-1");
            body.put("os-vol-mig-status-attr:migstat", null);
            body.put("os-vol-mig-status-attr:name_id", null);
        }
        if (call.atLeast(13)) {
            body.put("group_id", null);
        }
        if (call.atLeast(48)) {
            body.put("shared_targets", false);
            body.put("service_uuid", "5d5b9d14-4b9c-4c6b-9b1e-6d0a2c3e4f01");
        }
        if (call.atLeast(63)) {
            body.put("volume_type_id", dev.snapshotmanager.emulator.scenario.ScenarioApplier
                    .keystoneId("volume_type", v.volumeType()));
        }
        if (call.atLeast(65)) {
            body.put("consumes_quota", true);
        }
        return body;
    }

    private static Map<String, Object> attachment(Volume v, Attachment a) {
        return Json.obj("id", v.id(), "attachment_id", a.attachmentId(), "volume_id", v.id(),
                "server_id", a.serverId(), "host_name", a.hostName(), "device", a.device(),
                "attached_at", Times.cinder(a.attachedAt()));
    }

    /** The create answer: exactly these keys at 3.0. */
    static Map<String, Object> snapshotCreated(Call call, Snapshot s) {
        return snapshotSummary(call, s);
    }

    static Map<String, Object> snapshotSummary(Call call, Snapshot s) {
        Map<String, Object> body = Json.obj("id", s.id(), "created_at", Times.cinder(s.createdAt()),
                "updated_at", Times.cinder(s.updatedAt()), "name", s.name(), "description", s.description(),
                "volume_id", s.volumeId(), "status", s.status(), "size", s.size(), "metadata", s.metadata());
        if (call.atLeast(14)) {
            body.put("group_snapshot_id", null);
        }
        if (call.atLeast(41)) {
            body.put("user_id", s.userId());
        }
        if (call.atLeast(65)) {
            body.put("consumes_quota", true);
        }
        return body;
    }

    static Map<String, Object> snapshotDetail(Call call, Snapshot s) {
        Map<String, Object> body = snapshotSummary(call, s);
        body.put("os-extended-snapshot-attributes:progress", s.progress());
        body.put("os-extended-snapshot-attributes:project_id", s.projectId());
        return body;
    }

    private static List<Map<String, Object>> links(Call call, String collection, String id) {
        String project = call.projectId();
        return List.of(
                Json.obj("href", call.baseUrl() + "/volume/v3/" + project + "/" + collection + "/" + id, "rel", "self"),
                Json.obj("href", call.baseUrl() + "/volume/" + project + "/" + collection + "/" + id,
                        "rel", "bookmark"));
    }
}
