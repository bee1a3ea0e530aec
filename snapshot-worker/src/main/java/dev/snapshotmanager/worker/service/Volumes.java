package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.TaskVolume;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.events.VolumeRef;
import dev.snapshotmanager.worker.client.CloudInventory;
import dev.snapshotmanager.worker.client.CloudVolume;
import dev.snapshotmanager.worker.client.ResolutionRequest;
import java.time.Instant;
import java.util.List;

/** A Cinder volume with the names of its project, domain and VM, in the shapes of the event contract. */
public record Volumes(CloudInventory inventory) {

    public TenantRef tenant(CloudVolume v) {
        CloudInventory.Project project = inventory.projects().get(v.projectId());
        String domainId = project == null ? null : project.domainId();
        return new TenantRef(domainId, domainId == null ? null : inventory.domainNames().get(domainId),
                v.projectId(), project == null ? null : project.name());
    }

    public ServerRef server(CloudVolume v) {
        String id = v.firstServerId();
        return id == null ? null : new ServerRef(id, inventory.serverNames().get(id));
    }

    public static VolumeRef ref(CloudVolume v) {
        return new VolumeRef(v.id(), v.name(), v.sizeGb(), v.status(), v.volumeType(), v.bootable());
    }

    public TaskVolume task(CloudVolume v, Retention retention) {
        return new TaskVolume(ref(v), tenant(v), server(v), retention, v.metadata());
    }

    public VolumeInventoryV1 inventory(CloudVolume v, Instant observedAt) {
        return new VolumeInventoryV1(v.id(), v.name(), v.status() == null ? "unknown" : v.status(), v.sizeGb(),
                v.volumeType(), v.bootable(), v.metadata(), tenant(v), server(v), v.serverIds(), v.createdAt(),
                observedAt);
    }

    public ResolutionRequest.VolumeDescription description(CloudVolume v) {
        TenantRef tenant = tenant(v);
        List<ResolutionRequest.Attachment> attachments = v.serverIds().stream()
                .map(id -> new ResolutionRequest.Attachment(id, inventory.serverNames().get(id))).toList();
        return new ResolutionRequest.VolumeDescription(v.id(), v.name(), tenant.domainId(), tenant.domainName(),
                v.projectId(), tenant.projectName(), v.sizeGb(), v.volumeType(), v.bootable(), v.status(),
                v.metadata(), attachments);
    }
}
