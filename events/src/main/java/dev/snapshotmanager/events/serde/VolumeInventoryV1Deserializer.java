package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.VolumeInventoryV1;

/** Kafka value deserializer of {@link VolumeInventoryV1}. */
public class VolumeInventoryV1Deserializer extends EventDeserializer<VolumeInventoryV1> {

    public VolumeInventoryV1Deserializer() {
        super(VolumeInventoryV1.class);
    }
}
