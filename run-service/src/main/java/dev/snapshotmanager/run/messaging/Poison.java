package dev.snapshotmanager.run.messaging;

import dev.snapshotmanager.events.RunPlannedV1;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Rejects poison records (ones the connector could not deserialize, or a plan whose totals cannot be), so that the
 * failure strategy dead-letters them.
 */
final class Poison {

    /** Header the Kafka connector adds when the value deserializer failed. */
    static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    private Poison() {
    }

    static boolean failedDeserialization(ConsumerRecord<?, ?> record) {
        return record.headers().lastHeader(DESERIALIZATION_FAILURE) != null;
    }

    /** Throws when the record is poison (undeserializable or without a value where one is required). */
    static <T> T requireValue(ConsumerRecord<?, T> record) {
        if (record.value() == null || failedDeserialization(record)) {
            throw new IllegalArgumentException("poison message on " + record.topic() + " at offset "
                    + record.offset() + ": not a valid payload");
        }
        return record.value();
    }

    /**
     * Throws when the plan's totals cannot be: a negative count, or a total that is not {@code toCreate + skipped +
     * quotaBlocked}. Applied, such a plan would end its run too early (a negative total: SKIPPED "nothing to do" at
     * once, and the workers would then skip its volumes) or never.
     */
    static RunPlannedV1 requireConsistentTotals(RunPlannedV1 plan) {
        boolean negative = plan.totalVolumes() < 0 || plan.toCreate() < 0 || plan.skipped() < 0
                || plan.quotaBlocked() < 0 || plan.batchCount() < 0 || plan.projectCount() < 0;
        if (negative || (long) plan.toCreate() + plan.skipped() + plan.quotaBlocked() != plan.totalVolumes()) {
            throw new IllegalArgumentException("run-planned for run " + plan.runId() + " has impossible totals: "
                    + plan.totalVolumes() + " volumes, " + plan.toCreate() + " to create, " + plan.skipped()
                    + " skipped, " + plan.quotaBlocked() + " quota-blocked, " + plan.batchCount() + " batches");
        }
        return plan;
    }
}
