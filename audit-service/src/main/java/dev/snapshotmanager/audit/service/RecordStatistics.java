package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.domain.RecordFilter;
import dev.snapshotmanager.audit.domain.Statistics;
import dev.snapshotmanager.audit.domain.TimeBucket;
import dev.snapshotmanager.audit.domain.Timeline;
import dev.snapshotmanager.audit.repository.RecordAggregates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Statistics and timelines within the caller's tenants; the filter must carry its time range. */
@ApplicationScoped
public class RecordStatistics {

    @Inject
    RecordAggregates aggregates;

    @Inject
    TenantScope scope;

    public Statistics statistics(RecordFilter filter) {
        return aggregates.statistics(scope.conditions(filter), filter.from(), filter.to());
    }

    /** Every bucket from the one holding {@code from} up to {@code to}, zeros included. */
    public Timeline timeline(RecordFilter filter, TimeBucket bucket) {
        Map<Instant, Map<String, Long>> counts = aggregates.timeline(scope.conditions(filter), bucket);
        List<Timeline.Point> points = new ArrayList<>();
        for (Instant start = bucket.truncate(filter.from()); start.isBefore(filter.to()); start = start.plus(bucket.size())) {
            Map<String, Long> byAction = counts.getOrDefault(start, new TreeMap<>());
            long total = byAction.values().stream().mapToLong(Long::longValue).sum();
            points.add(new Timeline.Point(start, total, byAction));
        }
        return new Timeline(bucket.field(), filter.from(), filter.to(), points);
    }
}
