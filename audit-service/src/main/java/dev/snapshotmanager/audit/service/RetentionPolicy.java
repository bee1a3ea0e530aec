package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.config.AuditConfig;
import dev.snapshotmanager.audit.repository.RecordPartitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How long records are kept: {@code audit.partitions.retention-months} whole months before the current one (0 keeps
 * everything). An event older than that is ignored at ingest, so that a late redelivery never re-creates a dropped
 * partition.
 */
@ApplicationScoped
public class RetentionPolicy {

    @Inject
    AuditConfig config;

    Clock clock = Clock.systemUTC();

    /** The first month kept, or empty when everything is kept. */
    public Optional<YearMonth> firstKeptMonth() {
        int months = config.partitions().retentionMonths();
        if (months <= 0) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(months));
    }

    public boolean isExpired(Instant occurredAt) {
        return firstKeptMonth().map(first -> RecordPartitions.monthOf(occurredAt).isBefore(first))
                .orElse(false);
    }
}
