package dev.snapshotmanager.worker.client;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
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

    /**
     * Cinder's spelling of a status. openstack4j's {@code value()} turns every {@code _} into {@code -}, which only
     * suits {@code in-use}: Cinder's {@code error_deleting} became {@code error-deleting}, and such volumes were not
     * skipped at planning (they took quota room and max-new places from healthy ones).
     */
    static String status(Volume.Status status) {
        if (status == null) {
            return null;
        }
        return status == Volume.Status.IN_USE ? "in-use" : status.name().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
