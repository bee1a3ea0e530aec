package dev.snapshotmanager.worker.domain;

import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.worker.client.CloudSnapshot;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which snapshots of one volume retention deletes for one policy (DOMAIN.md): only managed snapshots of that policy
 * (ours or the reference system's); only {@code available} ones count toward keep-last; max age; the newest
 * {@code available} one is never deleted; managed {@code error} snapshots go once a newer one is {@code available}.
 * Snapshots in other states ({@code creating}, {@code deleting} ...) are left alone.
 */
public final class RetentionRules {

    /** Newest first; ties by id so the order is stable. */
    public static final Comparator<CloudSnapshot> NEWEST_FIRST = Comparator
            .comparing(CloudSnapshot::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())).reversed()
            .thenComparing(CloudSnapshot::id, Comparator.reverseOrder());

    /** A snapshot retention removes, and the reason code. */
    public record Deletion(CloudSnapshot snapshot, String reason) {
    }

    private RetentionRules() {
    }

    public static List<Deletion> select(List<CloudSnapshot> snapshots, String policy, Retention retention,
                                        Instant now, SnapshotTags tags) {
        List<CloudSnapshot> available = snapshots.stream()
                .filter(s -> tags.isManagedOf(s, policy) && s.isAvailable()).sorted(NEWEST_FIRST).toList();
        List<Deletion> deletions = new ArrayList<>();
        Integer keepLast = retention == null ? null : retention.keepLast();
        Instant cutoff = retention == null ? null : cutoff(retention.maxAge(), now);
        for (int i = 1; i < available.size(); i++) {
            CloudSnapshot s = available.get(i);
            if (keepLast != null && i >= keepLast) {
                deletions.add(new Deletion(s, ReasonCodes.RETENTION_KEEP_LAST));
            } else if (cutoff != null && s.createdAt() != null && s.createdAt().isBefore(cutoff)) {
                deletions.add(new Deletion(s, ReasonCodes.RETENTION_MAX_AGE));
            }
        }
        if (!available.isEmpty()) {
            CloudSnapshot newest = available.get(0);
            snapshots.stream()
                    .filter(s -> tags.isManagedOf(s, policy) && s.isError())
                    .filter(s -> NEWEST_FIRST.compare(s, newest) > 0)
                    .sorted(NEWEST_FIRST)
                    .forEach(s -> deletions.add(new Deletion(s, ReasonCodes.RETENTION_ERROR_CLEANUP)));
        }
        return deletions;
    }

    /**
     * {@code now} minus an ISO-8601 duration ({@code PT12H}, {@code P30D}, {@code P1M} ...); null when absent, not a
     * duration, or reaching back before any representable time (then no snapshot is old enough either).
     */
    static Instant cutoff(String maxAge, Instant now) {
        if (maxAge == null || maxAge.isBlank()) {
            return null;
        }
        try {
            return now.minus(Duration.parse(maxAge));
        } catch (DateTimeParseException notADuration) {
            try {
                return now.atZone(ZoneOffset.UTC).minus(Period.parse(maxAge)).toInstant();
            } catch (DateTimeException | ArithmeticException notAPeriodOrOutOfRange) {
                return null;
            }
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return null;
        }
    }
}
