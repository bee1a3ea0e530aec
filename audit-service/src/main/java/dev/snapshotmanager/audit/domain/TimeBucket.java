package dev.snapshotmanager.audit.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The bucket sizes of a timeline; buckets are aligned in UTC like PostgreSQL's {@code date_trunc}. */
public enum TimeBucket {
    HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7));

    private final Duration size;

    TimeBucket(Duration size) {
        this.size = size;
    }

    public Duration size() {
        return size;
    }

    /** The {@code date_trunc} field name. */
    public String field() {
        return name().toLowerCase();
    }

    /** The start of the bucket holding {@code instant}. */
    public Instant truncate(Instant instant) {
        return switch (this) {
            case HOUR -> instant.truncatedTo(ChronoUnit.HOURS);
            case DAY -> instant.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> instant.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
        };
    }

    /** How many buckets cover [from, to). */
    public long count(Instant from, Instant to) {
        Instant first = truncate(from);
        return (Duration.between(first, to).toSeconds() + size.toSeconds() - 1) / size.toSeconds();
    }
}
