package dev.snapshotmanager.events;

/**
 * A run's status: REQUESTED -> PLANNING -> RUNNING -> COMPLETED | PARTIAL | FAILED | CANCELLED; also SKIPPED
 * (nothing to do) and MISSED (the slot was not run in its window).
 */
public enum RunStatus {
    REQUESTED(false),
    PLANNING(false),
    RUNNING(false),
    /** Every volume succeeded (or was legitimately skipped). */
    COMPLETED(true),
    /** Some volumes failed. */
    PARTIAL(true),
    /** None succeeded, or the run itself failed (e.g. no worker heartbeat); the reason says why. */
    FAILED(true),
    CANCELLED(true),
    /** Nothing to do. */
    SKIPPED(true),
    /** The slot was not run in its window (recorded, never silently dropped). */
    MISSED(true);

    private final boolean terminal;

    RunStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** True when the run is finished and its status never changes again. */
    public boolean isTerminal() {
        return terminal;
    }
}
