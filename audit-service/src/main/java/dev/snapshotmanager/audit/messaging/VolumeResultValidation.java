package dev.snapshotmanager.audit.messaging;

import dev.snapshotmanager.events.VolumeResultV1;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;

/**
 * Whether a consumed message is a storable result. The deserializer turns unreadable JSON into a {@code null}
 * payload (with the failure in the headers); a readable one may still lack what a record needs (explicit nulls).
 */
final class VolumeResultValidation {

    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

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
        if (event.volume() == null || event.volume().id() == null || event.volume().id().isBlank()) {
            return "volume.id is required";
        }
        return null;
    }
}
