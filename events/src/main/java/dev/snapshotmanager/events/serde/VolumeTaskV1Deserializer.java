package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.VolumeTaskV1;

/** Kafka value deserializer of {@link VolumeTaskV1}. */
public class VolumeTaskV1Deserializer extends EventDeserializer<VolumeTaskV1> {

    public VolumeTaskV1Deserializer() {
        super(VolumeTaskV1.class);
    }
}
