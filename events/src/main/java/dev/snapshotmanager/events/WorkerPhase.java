package dev.snapshotmanager.events;

/** What a snapshot-worker instance is doing for a run, as reported in {@link RunHeartbeatV1}. */
public enum WorkerPhase {
    /** The planner is resolving, listing and checking quotas; no totals yet. */
    PLANNING,
    /** Executors are working through the run's volume tasks. */
    EXECUTING,
    /** Planning failed for good (e.g. policy-service or Cinder unreachable after retries); the run cannot go on. */
    PLANNING_FAILED
}
