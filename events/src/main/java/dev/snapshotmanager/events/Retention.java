package dev.snapshotmanager.events;

/**
 * A retention, as applied: keep the last N {@code available} snapshots and/or drop those older than a maximum age.
 *
 * @param keepLast how many {@code available} snapshots to keep (1..1000), or {@code null}
 * @param maxAge   an ISO-8601 duration such as {@code P30D} or {@code PT12H}, or {@code null}
 */
public record Retention(Integer keepLast, String maxAge) {
}
