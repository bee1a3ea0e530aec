package dev.snapshotmanager.events;

/** Who asked for a run. */
public enum RunTrigger {
    /** The scheduler: a policy's cron slot came due (or a RUN_ONCE catch-up). */
    SCHEDULED,
    /** A person, through the UI (run-now, dry or real). */
    MANUAL,
    /** Another tool, through the gateway's API. */
    API
}
