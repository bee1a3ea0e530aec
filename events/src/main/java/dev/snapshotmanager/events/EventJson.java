package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * The one JSON mapping of event payloads, used by producers, consumers and tests alike:
 * <ul>
 *   <li>times as ISO-8601 strings ({@code 2025-03-01T02:00:00Z}), never numbers; that shape is read by hand
 *       ({@link IsoInstantDeserializer}), anything else as jackson-datatype-jsr310 reads it;</li>
 *   <li>unknown properties ignored (a newer producer may add optional fields);</li>
 *   <li>{@code null} fields omitted; enums as their names;</li>
 *   <li>required properties (those marked {@code @JsonProperty(required = true)}, the schema's {@code required})
 *       must be present, and a primitive may not be {@code null}: a message missing {@code dryRun} is rejected,
 *       never read as a real run.</li>
 * </ul>
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // registered after JavaTimeModule, so that it takes precedence for Instant (see IsoInstantDeserializer)
            .addModule(new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstantDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    /**
     * The shared, configured mapper. Do not reconfigure it (it is shared by every caller in the JVM); use
     * {@code mapper().copy()} for a variant.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(Object payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (IOException e) {
            throw new EventJsonException("Cannot write " + typeName(payload) + " as JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] toBytes(Object payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new EventJsonException("Cannot write " + typeName(payload) + " as JSON: " + e.getMessage(), e);
        }
    }

    public static <T> T fromJson(byte[] json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new EventJsonException("Cannot read " + type.getSimpleName() + " from JSON: " + e.getMessage(), e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new EventJsonException("Cannot read " + type.getSimpleName() + " from JSON: " + e.getMessage(), e);
        }
    }

    private static String typeName(Object payload) {
        return payload == null ? "null" : payload.getClass().getSimpleName();
    }
}
