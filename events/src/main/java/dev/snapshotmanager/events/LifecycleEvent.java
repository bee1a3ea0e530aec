package dev.snapshotmanager.events;

/** What a {@link RunLifecycleV1} event announces. The terminal ones mirror the terminal {@link RunStatus}es. */
public enum LifecycleEvent {
    REQUESTED,
    /** Planning finished and execution began. */
    STARTED,
    /** Counters, progress or ETA changed. */
    PROGRESS,
    COMPLETED,
    PARTIAL,
    FAILED,
    CANCELLED,
    SKIPPED,
    MISSED
}
