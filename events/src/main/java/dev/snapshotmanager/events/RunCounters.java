package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A run's counters. {@code totalVolumes} is what planning found; the others count volume results so far
 * ({@code created}/{@code deleted} count CREATED/DELETED, or WOULD_CREATE/WOULD_DELETE in a dry run;
 * {@code failed} counts FAILED and DELETE_FAILED).
 */
public record RunCounters(
        @JsonProperty(required = true) int totalVolumes,
        @JsonProperty(required = true) int created,
        @JsonProperty(required = true) int deleted,
        @JsonProperty(required = true) int failed,
        @JsonProperty(required = true) int skipped,
        @JsonProperty(required = true) int quotaBlocked,
        @JsonProperty(required = true) int batchesTotal,
        @JsonProperty(required = true) int batchesCompleted) {
}
