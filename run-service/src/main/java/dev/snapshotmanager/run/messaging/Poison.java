package dev.snapshotmanager.run.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Rejects records the connector could not deserialize, so that the failure strategy dead-letters them. */
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
}
