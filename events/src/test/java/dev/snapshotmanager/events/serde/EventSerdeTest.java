package dev.snapshotmanager.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshotmanager.events.EventFixtures;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeInventoryV1;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventSerdeTest {

    private final EventSerializer serializer = new EventSerializer();

    /** The concrete deserializer SmallRye configuration names for a type, e.g. {@code ...serde.RunRequestedV1Deserializer}. */
    private static EventDeserializer<?> deserializerOf(EventType type) throws ReflectiveOperationException {
        Class<?> deserializer = Class.forName(
                EventDeserializer.class.getPackageName() + "." + type.payloadClass().getSimpleName() + "Deserializer");
        assertThat(Modifier.isPublic(deserializer.getModifiers())).isTrue();
        return (EventDeserializer<?>) deserializer.getConstructor().newInstance();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachPayloadHasAPublicNoArgDeserializerOfItsType(EventType type) throws ReflectiveOperationException {
        assertThat(deserializerOf(type).type()).isEqualTo(type.payloadClass());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void deserializerReadsWhatTheSerializerWrites(EventType type) throws ReflectiveOperationException {
        Object payload = EventFixtures.payload(type);

        byte[] bytes = serializer.serialize(type.topic(), payload);

        assertThat(deserializerOf(type).deserialize(type.topic(), bytes)).isEqualTo(payload);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void deserializerThrowsSerializationExceptionOnGarbage(EventType type) throws ReflectiveOperationException {
        EventDeserializer<?> deserializer = deserializerOf(type);
        byte[] garbage = "not json {".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(type.topic(), garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(type.topic());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void deserializerThrowsSerializationExceptionOnAnotherPayload(EventType type)
            throws ReflectiveOperationException {
        EventDeserializer<?> deserializer = deserializerOf(type);
        byte[] wrong = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(type.topic(), wrong))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void tombstoneIsSerializedAsNull() {
        assertThat(serializer.serialize(Topics.VOLUME_INVENTORY, null)).isNull();
    }

    @Test
    void tombstoneIsDeserializedAsNull() {
        VolumeInventoryV1Deserializer deserializer = new VolumeInventoryV1Deserializer();

        assertThat(deserializer.deserialize(Topics.VOLUME_INVENTORY, null)).isNull();
        assertThat(deserializer.deserialize(Topics.VOLUME_INVENTORY, new RecordHeaders(), (byte[]) null)).isNull();
    }

    @Test
    void deserializerWithHeadersReadsThePayload() {
        VolumeInventoryV1 inventory = EventFixtures.volumeInventory();
        byte[] bytes = serializer.serialize(Topics.VOLUME_INVENTORY, new RecordHeaders(), inventory);

        assertThat(new VolumeInventoryV1Deserializer().deserialize(Topics.VOLUME_INVENTORY, new RecordHeaders(), bytes))
                .isEqualTo(inventory);
    }

    @Test
    void serializerThrowsSerializationExceptionForAnUnwritableValue() {
        Object unwritable = new Object() {
            @SuppressWarnings("unused")
            public String getBoom() {
                throw new IllegalStateException("boom");
            }
        };

        assertThatThrownBy(() -> serializer.serialize(Topics.RUN_LIFECYCLE, unwritable))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Topics.RUN_LIFECYCLE);
    }
}
