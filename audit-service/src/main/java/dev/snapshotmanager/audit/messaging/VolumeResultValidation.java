package dev.snapshotmanager.audit.messaging;

import dev.snapshotmanager.events.VolumeResultV1;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Header;

/**
 * Whether a consumed message is a storable result. The deserializer turns unreadable JSON into a {@code null}
 * payload (with the failure in the headers); a readable one may still lack what a record needs (explicit nulls).
 */
final class VolumeResultValidation {

    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    /** The earliest time a result may carry: the Unix epoch. */
    static final Instant EARLIEST = Instant.EPOCH;

    /** The latest time a result may carry: the end of year 9999 (partitions are named by four-digit years). */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * How far ahead of this service's clock a result may be. A worker writes its own clock's time; more than this
     * is a broken clock or a forged event, and stored it would pin the volume's compliance state in the future (the
     * state never moves back in time).
     */
    static final Duration MAX_AHEAD = Duration.ofHours(1);

    private VolumeResultValidation() {
    }

    /** Why the record cannot be stored, or {@code null} when it can. */
    static String problem(KafkaRecord<String, VolumeResultV1> record) {
        VolumeResultV1 event = record.getPayload();
        if (event == null) {
            Header header = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
            return header == null || header.value() == null ? "not a VolumeResultV1 (empty or unreadable value)"
                    : "not a VolumeResultV1: " + new String(header.value(), StandardCharsets.UTF_8);
        }
        if (event.eventId() == null || event.eventId().isBlank()) {
            return "eventId is missing";
        }
        if (event.runId() == null || event.occurredAt() == null || event.action() == null || event.slot() == null) {
            return "runId, occurredAt, action and slot are required";
        }
        if (outside(event.slot()) || outside(event.occurredAt())) {
            return "occurredAt and slot must lie between " + EARLIEST + " and " + LATEST;
        }
        if (event.occurredAt().isAfter(Instant.now().plus(MAX_AHEAD))) {
            return "occurredAt " + event.occurredAt() + " is more than " + MAX_AHEAD.toMinutes()
                    + " minutes ahead of this service's clock";
        }
        if (event.volume() == null || event.volume().id() == null || event.volume().id().isBlank()) {
            return "volume.id is required";
        }
        return null;
    }

    private static boolean outside(Instant at) {
        return at.isBefore(EARLIEST) || at.isAfter(LATEST);
    }
}
