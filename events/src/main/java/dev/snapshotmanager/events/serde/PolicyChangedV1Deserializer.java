package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.PolicyChangedV1;

/** Kafka value deserializer of {@link PolicyChangedV1}. */
public class PolicyChangedV1Deserializer extends EventDeserializer<PolicyChangedV1> {

    public PolicyChangedV1Deserializer() {
        super(PolicyChangedV1.class);
    }
}
