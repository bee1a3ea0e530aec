package dev.snapshotmanager.events;

/** What happened to one volume in a run (one {@link VolumeResultV1} each). */
public enum VolumeAction {
    /** A snapshot was created and reached {@code available}. */
    CREATED,
    /** A managed snapshot was deleted by retention. */
    DELETED,
    /** The create failed, timed out, or the snapshot ended in {@code error}. */
    FAILED,
    /** Retention tried to delete a snapshot and could not. */
    DELETE_FAILED,
    /** Nothing was done; the reason says why (see {@link ReasonCodes}). */
    SKIPPED,
    /** The project's quota (snapshots or gigabytes) had no room; the reason names the quota. */
    QUOTA_BLOCKED,
    /** Dry run: a snapshot would have been created. */
    WOULD_CREATE,
    /** Dry run: a snapshot would have been deleted by retention. */
    WOULD_DELETE
}
