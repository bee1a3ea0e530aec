package dev.snapshotmanager.policy.domain;

import dev.snapshotmanager.common.schedule.CronSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * 5-field (UNIX) cron schedules in an IANA time zone: validation with messages for the API, and previews of the
 * fire times with DOMAIN.md's DST rules ({@link CronSchedule}: a local fire time that does not exist runs at the end
 * of the gap; a local time that occurs twice runs once, at its first occurrence).
 */
public final class Schedules {

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
        CronSchedule schedule;
        try {
            schedule = CronSchedule.of(cron, "UTC"); // the one reading run-service schedules by
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid cron expression: " + e.getCause().getMessage());
        }
        if (schedule.next(Instant.now()).isEmpty()) {
            return Optional.of("never fires (a day the month never has, such as 31 February)");
        }
        return Optional.empty();
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

    /**
     * The next {@code count} fire times strictly after {@code after}, in the schedule's zone: the slots of
     * {@link CronSchedule}, the one reading of a cron that run-service schedules by and audit-service judges by.
     */
    public static List<ZonedDateTime> next(String cron, String timeZone, Instant after, int count) {
        CronSchedule schedule = CronSchedule.of(cron, timeZone);
        return schedule.next(after, count).stream().map(fire -> fire.atZone(schedule.zone())).toList();
    }
}
