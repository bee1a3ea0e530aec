package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.RunRequestedV1;

/** Kafka value deserializer of {@link RunRequestedV1}. */
public class RunRequestedV1Deserializer extends EventDeserializer<RunRequestedV1> {

    public RunRequestedV1Deserializer() {
        super(RunRequestedV1.class);
    }
}
