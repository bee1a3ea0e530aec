package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.worker.client.CloudInventory;
import dev.snapshotmanager.worker.client.CloudVolume;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.messaging.EventPublisher;
import dev.snapshotmanager.worker.messaging.InventoryTopicView;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Publishes the volume inventory to the compacted {@code snapshot.volume-inventory.v1} topic: periodically, at every
 * plan, and in full on demand. Only volumes that changed since this instance last published them are sent; a volume
 * that disappeared gets a tombstone. A full sync ({@link #reconcile}: the first periodic one after a start, and every
 * resync on demand) publishes every volume and also compares the topic's current view with Cinder, so that volumes
 * deleted while no worker was watching get their tombstone too.
 *
 * <p>Each description's {@code observedAt} is when its listing started ({@link CloudInventory#listedAt}), not when it
 * is published. A listing older than the newest this instance has published already is not published at all
 * (logged): a plan's listing published after a newer periodic one would otherwise bring back older descriptions and
 * tombstone a volume created in between (a tombstone carries no time, so nothing downstream could tell). This check
 * is local to the instance: two instances may still publish out of order; the next full sync (reconcile) repairs
 * that.
 */
@ApplicationScoped
public class InventorySync {

    private static final Logger LOG = Logger.getLogger(InventorySync.class);
    private static final Duration TOPIC_READ_TIMEOUT = Duration.ofMinutes(2);

    /** What one sync published. */
    public record Published(int volumes, int changed, int tombstones) {
    }

    private final OpenStackClient cloud;
    private final WorkerConfig config;
    private final EventPublisher publisher;
    private final InventoryTopicView topic;
    private final WorkerMetrics metrics;
    /** Volume id to its last published description (with {@code observedAt} cleared). */
    private final Map<String, VolumeInventoryV1> published = new HashMap<>();
    /** When the newest listing this instance published was taken; older ones are not published. */
    private Instant newestListing;
    private volatile boolean reconciled;

    public InventorySync(OpenStackClient cloud, WorkerConfig config, EventPublisher publisher,
                         InventoryTopicView topic, WorkerMetrics metrics) {
        this.cloud = cloud;
        this.config = config;
        this.publisher = publisher;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Scheduled(every = "${snapshot.worker.inventory.interval:10m}", delayed = "${snapshot.worker.inventory.initial-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        if (config.inventory().enabled()) {
            Published result = reconciled ? publish(cloud.inventory(), false) : reconcile();
            LOG.infof("Inventory sync: %d volume(s), %d changed, %d tombstone(s)", result.volumes(), result.changed(),
                    result.tombstones());
        }
    }

    /** Reads the inventory and publishes every volume, changed or not (see {@link #reconcile}). */
    public Published resync() {
        return reconcile();
    }

    /**
     * A full sync: every volume, and a tombstone for every volume that this instance published or the topic still
     * describes but Cinder no longer lists. The topic is read before Cinder is listed, so a volume created meanwhile
     * (and published by another instance) is never mistaken for a deleted one. When the topic cannot be read, the
     * sync goes on without it.
     */
    public synchronized Published reconcile() {
        Set<String> onTopic;
        try {
            onTopic = topic.volumeIds(TOPIC_READ_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("Inventory topic not read, no tombstones for volumes deleted while no worker watched: %s",
                    e.getMessage());
            onTopic = Set.of();
        }
        Published result = publish(cloud.inventory(), true, onTopic);
        reconciled = true;
        return result;
    }

    /** Publishes the changed (or, with {@code full}, all) volumes and tombstones for the vanished ones. */
    public synchronized Published publish(CloudInventory inventory, boolean full) {
        return publish(inventory, full, Set.of());
    }

    private Published publish(CloudInventory inventory, boolean full, Set<String> alsoKnown) {
        if (newestListing != null && inventory.listedAt().isBefore(newestListing)) {
            LOG.infof("Inventory listed at %s not published: a newer listing (of %s) is published already",
                    inventory.listedAt(), newestListing);
            return new Published(inventory.volumes().size(), 0, 0);
        }
        newestListing = inventory.listedAt();
        Volumes volumes = new Volumes(inventory);
        Instant observedAt = inventory.listedAt();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, VolumeInventoryV1> next = new HashMap<>();
        for (CloudVolume v : inventory.volumes()) {
            seen.add(v.id());
            VolumeInventoryV1 description = volumes.inventory(v, observedAt);
            VolumeInventoryV1 comparable = volumes.inventory(v, Instant.EPOCH);
            next.put(v.id(), comparable);
            if (full || !comparable.equals(published.get(v.id()))) {
                sent.add(publisher.inventory(description));
            }
        }
        int changed = sent.size();
        Set<String> known = new HashSet<>(published.keySet());
        known.addAll(alsoKnown);
        if (seen.isEmpty() && !known.isEmpty()) {
            // OPENSTACK.md: a catalog without a block-storage match sends calls to Keystone, which lists nothing.
            LOG.warnf("Cinder lists no volume at all while %d were known: no tombstones (check the catalog)",
                    known.size());
            known.clear();
        }
        for (String gone : known) {
            if (!seen.contains(gone)) {
                sent.add(publisher.inventoryTombstone(gone, observedAt));
            }
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            // Nothing is remembered as published: the next sync sends this one's changes again.
            metrics.inventoryPublishFailed();
            throw e;
        }
        int tombstones = sent.size() - changed;
        published.clear();
        published.putAll(next);
        return new Published(inventory.volumes().size(), changed, tombstones);
    }
}
