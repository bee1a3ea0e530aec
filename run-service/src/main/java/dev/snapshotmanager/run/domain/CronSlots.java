package dev.snapshotmanager.run.domain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * The fire times (slots) of a 5-field cron read in an IANA zone, with DOMAIN.md's DST rules: a local time that does
 * not exist (spring forward) fires at the next valid instant, the end of the gap; a local time that occurs twice
 * (fall back) fires once, at its first occurrence.
 *
 * <p>cron-utils matches local date-times (evaluated in UTC, where nothing is skipped or repeated); this class maps
 * them to instants with the zone's rules.
 */
public final class CronSlots {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Local candidates examined for one next slot before giving up (a cron that matches nothing, e.g. 30 Feb). */
    private static final int MAX_CANDIDATES = 1000;

    private final ExecutionTime execution;
    private final ZoneRules rules;
    private final ZoneId zone;

    private CronSlots(ExecutionTime execution, ZoneId zone) {
        this.execution = execution;
        this.zone = zone;
        this.rules = zone.getRules();
    }

    /**
     * @throws IllegalArgumentException when the cron or the zone is invalid
     */
    public static CronSlots of(String cron, String timeZone) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + timeZone + "'", e);
        }
        try {
            return new CronSlots(ExecutionTime.forCron(PARSER.parse(cron)), zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cron '" + cron + "': " + e.getMessage(), e);
        }
    }

    /** The first slot strictly after {@code after}, or empty when the cron never fires again. */
    public Optional<Instant> next(Instant after) {
        LocalDateTime local = LocalDateTime.ofInstant(after, zone);
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            Optional<ZonedDateTime> candidate = execution.nextExecution(local.atZone(ZoneOffset.UTC));
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            local = candidate.get().toLocalDateTime();
            Instant instant = instantOf(local);
            if (instant.isAfter(after)) {
                return Optional.of(instant);
            }
        }
        return Optional.empty();
    }

    /** The slots in {@code (after, until]}, at most {@code limit} of them, oldest first. */
    public List<Instant> between(Instant after, Instant until, int limit) {
        List<Instant> slots = new java.util.ArrayList<>();
        Optional<Instant> next = next(after);
        while (next.isPresent() && !next.get().isAfter(until) && slots.size() < limit) {
            slots.add(next.get());
            next = next(next.get());
        }
        return slots;
    }

    private Instant instantOf(LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        return local.toInstant(offsets.get(0));
    }
}
