package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.common.time.ClockLead;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.outbox.ProcessedEvents;
import dev.snapshotmanager.policy.domain.InventoryVolume;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import dev.snapshotmanager.policy.repository.VolumeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps the volume projection: an inventory event upserts the volume (an older observation never overwrites a
 * newer one), a tombstone removes it. Idempotent: each event id is applied once. An observation dated ahead of this
 * service's clock counts as made now: a worker clock running ahead would otherwise make it the volume's newest for
 * good, and every later observation of the volume would be ignored.
 */
@ApplicationScoped
public class InventoryService {

    private static final Logger LOG = Logger.getLogger(InventoryService.class);

    @Inject
    Event<ResolutionInputsChanged> changes;

    static final String CONSUMER = "policy-service.volume-inventory";

    @Inject
    VolumeRepository volumes;

    @Inject
    ProcessedEvents processed;

    /**
     * Applies one record of the inventory topic.
     *
     * @param volumeId the record key
     * @param volume   the value, null for a tombstone
     * @param eventId  the CloudEvents id, when the record has one
     */
    @Transactional
    public void apply(String volumeId, VolumeInventoryV1 volume, String eventId) {
        if (eventId != null && !processed.markProcessed(CONSUMER, eventId)) {
            return;
        }
        if (volume == null) {
            if (volumeId != null && volumes.deleteById(volumeId)) {
                changes.fire(new ResolutionInputsChanged("inventory " + volumeId));
            }
            return;
        }
        Instant now = PolicySetService.now();
        if (ClockLead.noticeable(volume.observedAt(), now)) {
            LOG.warnf("volume %s was observed at %s, ahead of this service's clock (%s): taken as observed now",
                    volume.volumeId(), volume.observedAt(), now);
        }
        Instant observedAt = ClockLead.capped(volume.observedAt(), now);
        InventoryVolume v = volumes.findById(volume.volumeId());
        if (v != null && v.observedAt != null && observedAt.isBefore(v.observedAt)) {
            return;
        }
        boolean isNew = v == null;
        VolumeDescription before = isNew ? null : VolumeService.describe(v);
        if (isNew) {
            v = new InventoryVolume();
            v.volumeId = volume.volumeId();
        }
        v.name = volume.name();
        v.status = volume.status();
        v.sizeGb = volume.sizeGb();
        v.volumeType = volume.volumeType();
        v.bootable = volume.bootable();
        v.metadata = volume.metadata() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(volume.metadata());
        v.domainId = volume.tenant().domainId();
        v.domainName = volume.tenant().domainName();
        v.projectId = volume.tenant().projectId();
        v.projectName = volume.tenant().projectName();
        v.serverId = volume.server() == null ? null : volume.server().id();
        v.serverName = volume.server() == null ? null : volume.server().name();
        v.attachedServerIds = volume.attachedServerIds() == null ? new ArrayList<>()
                : new ArrayList<>(volume.attachedServerIds());
        v.createdAt = volume.createdAt();
        v.observedAt = observedAt;
        v.updatedAt = now;
        if (isNew) {
            volumes.persist(v);
        }
        if (!VolumeService.describe(v).equals(before)) {
            // a new volume, or one whose name, tenant, size, type, metadata, status or server changed
            changes.fire(new ResolutionInputsChanged("inventory " + v.volumeId));
        }
    }
}
