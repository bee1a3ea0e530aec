package dev.snapshotmanager.audit.domain;

/** Order of records by time (ties broken by arrival order), newest first by default. */
public enum SortOrder {
    ASC, DESC
}
