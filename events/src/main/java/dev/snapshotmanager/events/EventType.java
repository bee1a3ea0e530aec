package dev.snapshotmanager.events;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every event of the contract: its CloudEvents {@code type}, its topic, its payload record, its JSON Schema and its
 * Kafka key. One payload class has exactly one event type, and one topic carries exactly one event type.
 */
public enum EventType {

    RUN_REQUESTED("snapshot.run.requested.v1", Topics.RUN_REQUESTED, RunRequestedV1.class, "run-requested.v1",
            p -> ((RunRequestedV1) p).runId()),
    RUN_PLANNED("snapshot.run.planned.v1", Topics.RUN_PLANNED, RunPlannedV1.class, "run-planned.v1",
            p -> ((RunPlannedV1) p).runId()),
    RUN_HEARTBEAT("snapshot.run.heartbeat.v1", Topics.RUN_HEARTBEATS, RunHeartbeatV1.class, "run-heartbeat.v1",
            p -> ((RunHeartbeatV1) p).runId()),
    VOLUME_TASK("snapshot.volume.task.v1", Topics.VOLUME_TASKS, VolumeTaskV1.class, "volume-task.v1",
            p -> ((VolumeTaskV1) p).projectId()),
    VOLUME_RESULT("snapshot.volume.result.v1", Topics.VOLUME_RESULTS, VolumeResultV1.class, "volume-result.v1",
            p -> {
                VolumeRef volume = ((VolumeResultV1) p).volume();
                return volume == null ? null : volume.id();
            }),
    RUN_LIFECYCLE("snapshot.run.lifecycle.v1", Topics.RUN_LIFECYCLE, RunLifecycleV1.class, "run-lifecycle.v1",
            p -> ((RunLifecycleV1) p).runId()),
    POLICY_CHANGED("snapshot.policy.changed.v1", Topics.POLICY_CHANGED, PolicyChangedV1.class, "policy-changed.v1",
            p -> ((PolicyChangedV1) p).policySetId()),
    VOLUME_INVENTORY("snapshot.volume.inventory.v1", Topics.VOLUME_INVENTORY, VolumeInventoryV1.class,
            "volume-inventory.v1", p -> ((VolumeInventoryV1) p).volumeId()),
    VOLUME_POLICIES("snapshot.volume.policies.v1", Topics.VOLUME_POLICIES, VolumePoliciesV1.class,
            "volume-policies.v1", p -> ((VolumePoliciesV1) p).volumeId());

    /** Base URI of the schemas' {@code $id}s, also used as CloudEvents {@code dataschema}. */
    public static final String SCHEMA_ID_BASE = "https://snapshotmanager.dev/schemas/";

    private final String type;
    private final String topic;
    private final Class<?> payloadClass;
    private final String schemaName;
    private final Function<Object, Object> key;

    EventType(String type, String topic, Class<?> payloadClass, String schemaName, Function<Object, Object> key) {
        this.type = type;
        this.topic = topic;
        this.payloadClass = payloadClass;
        this.schemaName = schemaName;
        this.key = key;
    }

    /** The CloudEvents {@code type}, e.g. {@code snapshot.run.requested.v1}. */
    public String type() {
        return type;
    }

    /** The Kafka topic that carries this event type. */
    public String topic() {
        return topic;
    }

    /** The payload record class. */
    public Class<?> payloadClass() {
        return payloadClass;
    }

    /** The schema's base name, e.g. {@code run-requested.v1}. */
    public String schemaName() {
        return schemaName;
    }

    /** Classpath location of the payload's JSON Schema, e.g. {@code schemas/run-requested.v1.schema.json}. */
    public String schemaResource() {
        return "schemas/" + schemaName + ".schema.json";
    }

    /** The schema's {@code $id} and the CloudEvents {@code dataschema} of this event type. */
    public String dataSchema() {
        return SCHEMA_ID_BASE + schemaName + ".schema.json";
    }

    /**
     * The Kafka record key of a payload of this type (runId, projectId, volumeId or policySetId), as a string.
     *
     * @throws IllegalArgumentException when the payload is not of this type or has no key
     */
    public String keyOf(Object payload) {
        if (!payloadClass.isInstance(payload)) {
            throw new IllegalArgumentException(name() + " expects a " + payloadClass.getSimpleName() + " payload, got "
                    + (payload == null ? "null" : payload.getClass().getSimpleName()));
        }
        Object value = key.apply(payload);
        if (value == null) {
            throw new IllegalArgumentException(name() + " payload has no key");
        }
        return value.toString();
    }

    /**
     * The event type of a payload class.
     *
     * @throws IllegalArgumentException when the class is not a payload of the contract
     */
    public static EventType ofPayload(Class<?> payloadClass) {
        Objects.requireNonNull(payloadClass, "payloadClass");
        return Arrays.stream(values())
                .filter(t -> t.payloadClass.equals(payloadClass))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        payloadClass.getName() + " is not an event payload of the contract"));
    }

    /** The event type of a CloudEvents {@code type}, or empty when the contract does not know it. */
    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
