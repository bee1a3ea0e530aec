package dev.snapshotmanager.policy.domain;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 5-field (UNIX) cron schedules in an IANA time zone, with DOMAIN.md's DST rules: a local fire time that does not
 * exist (spring forward) runs at the next valid instant, the end of the gap; a local time that occurs twice (fall
 * back) runs once, at its first occurrence.
 *
 * <p>The cron is evaluated on the local wall clock (as if the zone had no DST), then each local time is placed on
 * the time line; that keeps cron-utils away from DST arithmetic.
 */
public final class Schedules {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private Schedules() {
    }

    /** Why this is not a valid 5-field cron, or empty when it is. */
    public static Optional<String> cronError(String cron) {
        if (cron == null || cron.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (cron.trim().split("\\s+").length != 5) {
            return Optional.of("must have 5 fields (minute hour day-of-month month day-of-week)");
        }
        try {
            PARSER.parse(cron.trim()).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid cron expression: " + e.getMessage());
        }
    }

    /** Why this is not an IANA time zone id, or empty when it is. */
    public static Optional<String> zoneError(String zone) {
        if (zone == null || zone.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (!ZoneId.getAvailableZoneIds().contains(zone) && !"UTC".equals(zone)) {
            return Optional.of("is not an IANA time zone id (e.g. UTC, Europe/Paris)");
        }
        return Optional.empty();
    }

    /** The next {@code count} fire times strictly after {@code after}, in the schedule's zone. */
    public static List<ZonedDateTime> next(String cron, String timeZone, Instant after, int count) {
        ZoneId zone = ZoneId.of(timeZone);
        Cron parsed = PARSER.parse(cron.trim());
        ExecutionTime execution = ExecutionTime.forCron(parsed);
        List<ZonedDateTime> fires = new ArrayList<>(count);
        ZonedDateTime wallClock = LocalDateTime.ofInstant(after, zone).atZone(ZoneOffset.UTC);
        Instant last = after;
        int guard = count * 4 + 16;
        while (fires.size() < count && guard-- > 0) {
            Optional<ZonedDateTime> next = execution.nextExecution(wallClock);
            if (next.isEmpty()) {
                break;
            }
            wallClock = next.get();
            Instant instant = place(wallClock.toLocalDateTime(), zone);
            if (instant.isAfter(last)) {
                fires.add(instant.atZone(zone));
                last = instant;
                guard = count * 4 + 16;
            }
        }
        return fires;
    }

    private static Instant place(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        try {
            return ZonedDateTime.ofLocal(local, zone, null).toInstant();
        } catch (DateTimeException e) {
            return local.toInstant(ZoneOffset.UTC);
        }
    }
}
