package dev.snapshotmanager.audit.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Record counts per time bucket and action, every bucket of the range present (zeros included), for charts.
 *
 * @param bucket hour, day or week (ISO weeks, starting Monday, UTC)
 */
public record Timeline(String bucket, Instant from, Instant to, List<Point> points) {

    /** One bucket: its start and its counts by action. */
    public record Point(Instant start, long total, Map<String, Long> counts) {
    }
}
