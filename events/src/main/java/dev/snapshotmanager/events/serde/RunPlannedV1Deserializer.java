package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.RunPlannedV1;

/** Kafka value deserializer of {@link RunPlannedV1}. */
public class RunPlannedV1Deserializer extends EventDeserializer<RunPlannedV1> {

    public RunPlannedV1Deserializer() {
        super(RunPlannedV1.class);
    }
}
