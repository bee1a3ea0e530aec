package dev.snapshotmanager.events;

/** Kafka topic names of the event contract (ARCHITECTURE.md, "Events"). */
public final class Topics {
    private Topics() {
    }
}
