package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.VolumeResultV1;

/** Kafka value deserializer of {@link VolumeResultV1}. */
public class VolumeResultV1Deserializer extends EventDeserializer<VolumeResultV1> {

    public VolumeResultV1Deserializer() {
        super(VolumeResultV1.class);
    }
}
