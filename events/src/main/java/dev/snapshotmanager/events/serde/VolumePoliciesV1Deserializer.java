package dev.snapshotmanager.events.serde;

import dev.snapshotmanager.events.VolumePoliciesV1;

/** Kafka value deserializer of {@link VolumePoliciesV1}. */
public class VolumePoliciesV1Deserializer extends EventDeserializer<VolumePoliciesV1> {

    public VolumePoliciesV1Deserializer() {
        super(VolumePoliciesV1.class);
    }
}
