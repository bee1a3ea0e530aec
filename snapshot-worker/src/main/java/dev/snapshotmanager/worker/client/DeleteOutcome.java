package dev.snapshotmanager.worker.client;

/** The checked answer to a snapshot delete: accepted (202) or refused with Cinder's code and fault. */
public record DeleteOutcome(boolean accepted, int code, String fault) {
}
