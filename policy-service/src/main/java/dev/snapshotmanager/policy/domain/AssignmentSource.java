package dev.snapshotmanager.policy.domain;

/** How an explicit assignment was made. */
public enum AssignmentSource {
    /** By a person in the UI. */
    MANUAL,
    /** By another tool through the API. */
    API,
    /** By a bulk upsert. */
    BULK
}
