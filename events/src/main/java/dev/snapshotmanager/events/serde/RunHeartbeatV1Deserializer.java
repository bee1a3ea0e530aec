package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.RunHeartbeatV1;

/** Kafka value deserializer of {@link RunHeartbeatV1}. */
public class RunHeartbeatV1Deserializer extends EventDeserializer<RunHeartbeatV1> {

    public RunHeartbeatV1Deserializer() {
        super(RunHeartbeatV1.class);
    }
}
