package dev.snapshotmanager.events;

/**
 * Kafka topic names of the event contract (ARCHITECTURE.md, "Events").
 *
 * <p>The version is part of the name: an incompatible change gets a new topic ({@code .v2}), never a new
 * meaning on an existing one. See {@link EventType} for the payload and key of each topic.
 */
public final class Topics {

    /** Key: runId. run-service -> snapshot-worker (planner). */
    public static final String RUN_REQUESTED = "snapshot.run-requested.v1";
    /** Key: projectId (one project's batches stay ordered). snapshot-worker planner -> snapshot-worker executors. */
    public static final String VOLUME_TASKS = "snapshot.volume-tasks.v1";
    /** Key: runId. snapshot-worker -> run-service. */
    public static final String RUN_PLANNED = "snapshot.run-planned.v1";
    /** Key: runId. snapshot-worker -> run-service (liveness of long steps, planning failures). Short retention. */
    public static final String RUN_HEARTBEATS = "snapshot.run-heartbeats.v1";
    /** Key: volumeId. snapshot-worker -> audit-service, run-service. */
    public static final String VOLUME_RESULTS = "snapshot.volume-results.v1";
    /** Key: runId. run-service -> monitoring, gateway. */
    public static final String RUN_LIFECYCLE = "snapshot.run-lifecycle.v1";
    /** Compacted. Key: policySetId. policy-service -> run-service, audit-service. */
    public static final String POLICY_CHANGED = "snapshot.policy-changed.v1";
    /** Compacted; a null value (tombstone) means the volume is gone. Key: volumeId. snapshot-worker -> policy-service, audit-service. */
    public static final String VOLUME_INVENTORY = "snapshot.volume-inventory.v1";
    /** Compacted. Key: volumeId. policy-service -> audit-service (each volume's resolved policies, for compliance). */
    public static final String VOLUME_POLICIES = "snapshot.volume-policies.v1";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /**
     * The dead-letter topic of a consumed topic, e.g. {@code snapshot.volume-results.v1.dlq}. Consumers configure
     * it as their {@code dead-letter-queue.topic} so that a poison message never stops them.
     */
    public static String deadLetter(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return topic + DEAD_LETTER_SUFFIX;
    }
}
