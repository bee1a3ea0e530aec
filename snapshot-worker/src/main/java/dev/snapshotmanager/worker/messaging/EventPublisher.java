package dev.snapshotmanager.worker.messaging;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.RunHeartbeatV1;
import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes the worker's events with CloudEvents binary-mode headers written here ({@code cloud-events=false} on the
 * channels). Every method returns a future completed when the broker acknowledged the record, so that a consumed
 * message is acknowledged (its offset committed) only after what it caused is safely published.
 */
@ApplicationScoped
public class EventPublisher {

    static final String SOURCE = CloudEventAttributes.sourceOf("snapshot-worker");

    @Inject
    @Channel("volume-results-out")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<VolumeResultV1> results;

    @Inject
    @Channel("volume-tasks-out")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<VolumeTaskV1> tasks;

    @Inject
    @Channel("run-planned-out")
    Emitter<RunPlannedV1> planned;

    @Inject
    @Channel("volume-inventory-out")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<VolumeInventoryV1> inventory;

    @Inject
    @Channel("run-heartbeats-out")
    Emitter<RunHeartbeatV1> heartbeats;

    /** A volume result; its CloudEvents id is its deterministic {@code eventId}. */
    public CompletableFuture<Void> result(VolumeResultV1 result) {
        return send(results, EventType.VOLUME_RESULT, result.eventId(), result.volume().id(), result,
                result.occurredAt());
    }

    public CompletableFuture<Void> results(List<VolumeResultV1> list) {
        return CompletableFuture.allOf(list.stream().map(this::result).toArray(CompletableFuture[]::new));
    }

    public CompletableFuture<Void> task(VolumeTaskV1 task) {
        return send(tasks, EventType.VOLUME_TASK, task.taskId().toString(), task.projectId(), task, task.createdAt());
    }

    public CompletableFuture<Void> planned(RunPlannedV1 event) {
        return send(planned, EventType.RUN_PLANNED, UUID.randomUUID().toString(), event.runId().toString(), event,
                event.plannedAt());
    }

    /** A heartbeat (or the planning failure) of a run, keyed by run id. */
    public CompletableFuture<Void> heartbeat(RunHeartbeatV1 heartbeat) {
        return send(heartbeats, EventType.RUN_HEARTBEAT, UUID.randomUUID().toString(),
                EventType.RUN_HEARTBEAT.keyOf(heartbeat), heartbeat, heartbeat.sentAt());
    }

    public CompletableFuture<Void> inventory(VolumeInventoryV1 volume) {
        return send(inventory, EventType.VOLUME_INVENTORY, UUID.randomUUID().toString(), volume.volumeId(), volume,
                volume.observedAt());
    }

    /** A tombstone: the volume is gone, as of the listing taken at {@code observedAt}. */
    public CompletableFuture<Void> inventoryTombstone(String volumeId, Instant observedAt) {
        return send(inventory, EventType.VOLUME_INVENTORY, UUID.randomUUID().toString(), volumeId, null, observedAt);
    }

    private <T> CompletableFuture<Void> send(Emitter<T> emitter, EventType type, String id, String key, T payload,
                                             Instant time) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, CloudEventAttributes.of(type, id, SOURCE, key, time));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(payload, Metadata.of(metadata),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }
}
