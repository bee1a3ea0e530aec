package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventJsonException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer of one payload type ({@link EventJson}). A {@code null} value (tombstone) is read as
 * {@code null}; a value that is not a valid payload throws {@link SerializationException}, so that the consumer's
 * failure strategy (dead-letter topic) handles it instead of the consumer stopping. Use the concrete subclass of the
 * payload (e.g. {@link RunRequestedV1Deserializer}) in configuration.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The payload type this deserializer reads. */
    public Class<T> type() {
        return type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.fromJson(data, type);
        } catch (EventJsonException e) {
            throw new SerializationException("Cannot deserialize a " + type.getSimpleName() + " from topic " + topic
                    + " (" + data.length + " bytes)", e);
        }
    }
}
