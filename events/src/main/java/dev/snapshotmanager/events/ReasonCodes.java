package dev.snapshotmanager.events;

/**
 * Reason codes carried in the {@code reason} field of {@link VolumeResultV1} (and, where it fits,
 * {@link RunLifecycleV1}). The field is a plain string so that a producer can add a code without breaking consumers:
 * consumers must accept codes they do not know.
 */
public final class ReasonCodes {

    /** SKIPPED: a snapshot of this volume for this policy and slot already exists (redelivery, retry). */
    public static final String ALREADY_DONE_THIS_SLOT = "ALREADY_DONE_THIS_SLOT";
    /** SKIPPED: the volume's status does not allow a snapshot ({@code error}, {@code deleting}, ...). */
    public static final String VOLUME_STATUS = "VOLUME_STATUS";
    /** SKIPPED: the volume is larger than the configured maximum size. */
    public static final String TOO_LARGE = "TOO_LARGE";
    /** SKIPPED: the run reached its configured maximum of new snapshots. */
    public static final String MAX_NEW_REACHED = "MAX_NEW_REACHED";
    /** SKIPPED: the volume is outside the run's scope, or no longer gets this policy. */
    public static final String NOT_IN_SCOPE = "NOT_IN_SCOPE";
    /** SKIPPED or FAILED: the volume disappeared between planning and execution. */
    public static final String VOLUME_GONE = "VOLUME_GONE";
    /**
     * SKIPPED: the volume's project is disabled in Keystone, so no token can be scoped to it and no snapshot can be
     * created there (planning skips it instead of failing it on every run).
     */
    public static final String PROJECT_DISABLED = "PROJECT_DISABLED";
    /**
     * SKIPPED: Keystone does not list the volume's project at all (a deleted project, an orphaned volume); only
     * decided when Keystone listed projects at all.
     */
    public static final String PROJECT_UNKNOWN = "PROJECT_UNKNOWN";
    /** FAILED: the snapshot did not reach {@code available} or {@code error} in time. */
    public static final String STUCK_CREATING = "STUCK_CREATING";
    /** SKIPPED: the run was cancelled before this volume was handled. */
    public static final String RUN_CANCELLED = "RUN_CANCELLED";
    /**
     * SKIPPED: run-service had already finished the run with another terminal status (FAILED, e.g. WORKER_LOST from
     * the stale sweep; COMPLETED, PARTIAL, SKIPPED, MISSED) before this volume was handled; the error names the
     * status. (A cancelled run's volumes get {@link #RUN_CANCELLED}.)
     */
    public static final String RUN_FINISHED = "RUN_FINISHED";
    /** QUOTA_BLOCKED: the project's snapshot-count quota has no room. */
    public static final String QUOTA_SNAPSHOTS = "QUOTA_SNAPSHOTS";
    /** QUOTA_BLOCKED: the project's gigabytes quota has no room. */
    public static final String QUOTA_GIGABYTES = "QUOTA_GIGABYTES";
    /** DELETED / WOULD_DELETE: beyond the keep-last count. */
    public static final String RETENTION_KEEP_LAST = "RETENTION_KEEP_LAST";
    /** DELETED / WOULD_DELETE: older than the maximum age. */
    public static final String RETENTION_MAX_AGE = "RETENTION_MAX_AGE";
    /** DELETED / WOULD_DELETE: an {@code error} snapshot of ours, cleaned up once a newer {@code available} one exists. */
    public static final String RETENTION_ERROR_CLEANUP = "RETENTION_ERROR_CLEANUP";
    /** FAILED (run or volume): the worker stopped sending heartbeats. */
    public static final String WORKER_LOST = "WORKER_LOST";
    /** FAILED (run): planning failed for good, reported by a {@link RunHeartbeatV1} in phase PLANNING_FAILED. */
    public static final String PLANNING_FAILED = "PLANNING_FAILED";
    /** FAILED (run): no worker started planning the run within run-service's request timeout. */
    public static final String REQUEST_TIMEOUT = "REQUEST_TIMEOUT";

    private ReasonCodes() {
    }
}
