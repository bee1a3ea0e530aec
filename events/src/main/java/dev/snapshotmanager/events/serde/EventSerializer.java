package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventJsonException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for every event payload ({@link EventJson}). A {@code null} payload is written as a
 * {@code null} value: a tombstone on the compacted topics.
 */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.toBytes(data);
        } catch (EventJsonException e) {
            throw new SerializationException("Cannot serialize a " + data.getClass().getSimpleName()
                    + " for topic " + topic, e);
        }
    }
}
