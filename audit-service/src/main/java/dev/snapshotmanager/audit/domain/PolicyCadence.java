package dev.snapshotmanager.audit.domain;

import dev.snapshotmanager.common.schedule.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A policy's schedule (5-field cron in an IANA zone): its past fire times and the interval between them, with the
 * DST rules run-service fires by ({@link CronSchedule}: a repeated local time fires once, at its first occurrence; a
 * skipped one at the end of the gap).
 */
public final class PolicyCadence {

    private final CronSchedule schedule;

    private PolicyCadence(CronSchedule schedule) {
        this.schedule = schedule;
    }

    /** Empty when the cron or zone cannot be read. */
    public static Optional<PolicyCadence> of(String cron, String timeZone) {
        return CronSchedule.parse(cron, timeZone).map(PolicyCadence::new);
    }

    /** The latest fire time at or before {@code at}. */
    public Optional<Instant> lastFireAtOrBefore(Instant at) {
        return schedule.latestAtOrBefore(at);
    }

    /**
     * The interval that applies at {@code at}: the gap between the latest fire time and the one before it, so a
     * monthly policy is judged by the length of the month that just ran (28 to 31 days).
     */
    public Optional<Duration> intervalAt(Instant at) {
        return schedule.intervalAt(at);
    }
}
