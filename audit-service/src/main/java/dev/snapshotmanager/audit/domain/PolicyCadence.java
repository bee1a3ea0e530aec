package dev.snapshotmanager.audit.domain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A policy's schedule (5-field cron in an IANA zone): its past fire times and the interval between them. */
public final class PolicyCadence {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime executions;
    private final ZoneId zone;

    private PolicyCadence(ExecutionTime executions, ZoneId zone) {
        this.executions = executions;
        this.zone = zone;
    }

    /** Empty when the cron or zone cannot be read. */
    public static Optional<PolicyCadence> of(String cron, String timeZone) {
        try {
            return Optional.of(new PolicyCadence(ExecutionTime.forCron(PARSER.parse(cron)), ZoneId.of(timeZone)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The latest fire time at or before {@code at}. */
    public Optional<Instant> lastFireAtOrBefore(Instant at) {
        ZonedDateTime probe = at.atZone(zone).plusSeconds(1);
        return executions.lastExecution(probe).map(ZonedDateTime::toInstant);
    }

    /**
     * The interval that applies at {@code at}: the gap between the latest fire time and the one before it, so a
     * monthly policy is judged by the length of the month that just ran (28 to 31 days).
     */
    public Optional<Duration> intervalAt(Instant at) {
        return lastFireAtOrBefore(at).flatMap(last -> executions.lastExecution(last.atZone(zone))
                .map(previous -> Duration.between(previous.toInstant(), last)));
    }
}
