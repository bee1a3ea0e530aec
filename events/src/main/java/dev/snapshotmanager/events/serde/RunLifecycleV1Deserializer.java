package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.RunLifecycleV1;

/** Kafka value deserializer of {@link RunLifecycleV1}. */
public class RunLifecycleV1Deserializer extends EventDeserializer<RunLifecycleV1> {

    public RunLifecycleV1Deserializer() {
        super(RunLifecycleV1.class);
    }
}
