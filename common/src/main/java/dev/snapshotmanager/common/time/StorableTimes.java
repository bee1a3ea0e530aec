package dev.snapshotmanager.common.time;

import java.time.Instant;

/**
 * The times a request may name as a filter or cursor: years 1 to 9999, well inside PostgreSQL's {@code timestamptz}
 * range (a time far beyond it, such as year 300,000, made the statement fail) and within what four-digit years print.
 */
public final class StorableTimes {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StorableTimes() {
    }

    /** Whether {@code instant} lies within {@link #EARLIEST} and {@link #LATEST}. */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
