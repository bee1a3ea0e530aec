package dev.snapshotmanager.events;

/** What the scheduler does with slots that were not run in their window (each is recorded as a MISSED run). */
public enum MissedRunMode {
    /** Do not catch up. */
    SKIP,
    /** One catch-up run for all missed slots. */
    RUN_ONCE
}
