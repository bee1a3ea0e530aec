package dev.snapshotmanager.worker.client;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.openstack4j.model.storage.block.Volume;
import org.openstack4j.model.storage.block.VolumeAttachment;
import org.openstack4j.model.storage.block.VolumeSnapshot;

/** openstack4j models to the worker's records. */
final class Openstack4jMapping {

    private Openstack4jMapping() {
    }

    static List<CloudVolume> volumes(List<? extends Volume> volumes) {
        return volumes == null ? List.of() : volumes.stream().map(Openstack4jMapping::volume).toList();
    }

    static CloudVolume volume(Volume v) {
        List<String> servers = v.getAttachments() == null ? List.of() : v.getAttachments().stream()
                .map(VolumeAttachment::getServerId).filter(Objects::nonNull).toList();
        return new CloudVolume(v.getId(), v.getName(), status(v.getStatus()), v.getSize(), v.getVolumeType(),
                v.bootable(), v.getMetaData(), v.getTenantId(), servers, instant(v.getCreated()));
    }

    static CloudSnapshot snapshot(VolumeSnapshot s) {
        return new CloudSnapshot(s.getId(), s.getName(), s.getVolumeId(), status(s.getStatus()), s.getSize(),
                instant(s.getCreated()), s.getMetaData());
    }

    private static String status(Volume.Status status) {
        return status == null ? null : status.value();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
