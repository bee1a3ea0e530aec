package dev.snapshotmanager.emulator.state;

import dev.snapshotmanager.emulator.model.Attachment;
import dev.snapshotmanager.emulator.model.Volume;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Everything the emulated cloud holds: identity, block storage, compute. */
public final class CloudState {

    private final IdentityStore identity;
    private final BlockStorageStore blockStorage = new BlockStorageStore();
    private final ComputeStore compute = new ComputeStore();
    private final Map<String, List<String>> volumesByServer = new ConcurrentHashMap<>();

    public CloudState(Duration tokenTtl) {
        this.identity = new IdentityStore(tokenTtl);
    }

    public IdentityStore identity() {
        return identity;
    }

    public BlockStorageStore blockStorage() {
        return blockStorage;
    }

    public ComputeStore compute() {
        return compute;
    }

    /** Adds a volume and remembers which servers it is attached to. */
    public void putVolume(Volume volume) {
        blockStorage.putVolume(volume);
        for (Attachment attachment : volume.attachments()) {
            volumesByServer.computeIfAbsent(attachment.serverId(), s -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(volume.id());
        }
    }

    /** Deletes a volume (see {@link BlockStorageStore#removeVolume}) and forgets its attachments. */
    public void removeVolume(String id) {
        blockStorage.removeVolume(id).ifPresent(volume -> volume.attachments().forEach(attachment ->
                volumesByServer.computeIfPresent(attachment.serverId(), (server, ids) -> {
                    ids.remove(id);
                    return ids;
                })));
    }

    /** Ids of the volumes attached to a server. */
    public List<String> volumesAttachedTo(String serverId) {
        return volumesByServer.getOrDefault(serverId, List.of());
    }

    /** Forgets everything, tokens included. */
    public void clear() {
        identity.clear();
        blockStorage.clear();
        compute.clear();
        volumesByServer.clear();
    }
}
