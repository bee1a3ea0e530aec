package dev.snapshotmanager.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The CloudEvents 1.0 context attributes of one event (specversion is always 1.0). In Kafka they travel as headers,
 * see {@link CloudEventHeaders}.
 *
 * @param id              unique per event: a random UUID, or {@link VolumeResultV1#eventId()} for results
 * @param source          {@code /snapshot-manager/<service-name>}, see {@link #sourceOf(String)}
 * @param type            {@link EventType#type()}
 * @param subject         what the event is about, by convention the Kafka key (runId, volumeId ...); may be null
 * @param time            when the event happened
 * @param dataContentType {@code application/json}
 * @param dataSchema      {@link EventType#dataSchema()}
 */
public record CloudEventAttributes(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String dataContentType,
        String dataSchema) {

    /** Prefix of every {@code source}. */
    public static final String SOURCE_PREFIX = "/snapshot-manager/";

    public CloudEventAttributes {
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
    }

    /** The attributes of an event of a contract type, with JSON content and the type's schema. */
    public static CloudEventAttributes of(EventType eventType, String id, String source, String subject, Instant time) {
        Objects.requireNonNull(eventType, "eventType");
        return new CloudEventAttributes(id, source, eventType.type(), subject, time,
                CloudEventHeaders.APPLICATION_JSON, eventType.dataSchema());
    }

    /** The conventional source of a service, e.g. {@code sourceOf("run-service")} = {@code /snapshot-manager/run-service}. */
    public static String sourceOf(String serviceName) {
        requireText(serviceName, "serviceName");
        return SOURCE_PREFIX + serviceName;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvents attribute " + name + " must not be blank");
        }
    }
}
