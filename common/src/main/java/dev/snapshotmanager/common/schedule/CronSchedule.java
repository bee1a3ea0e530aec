package dev.snapshotmanager.common.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fire times (slots) of a 5-field (UNIX) cron in an IANA time zone, with DOMAIN.md's DST rules, in ONE place for
 * every service: the scheduler's next slot ({@link #next(Instant)}), a preview of the next N fire times
 * ({@link #next(Instant, int)}), the slots of a window ({@link #between(Instant, Instant, int)}), and the slots that
 * have passed, for compliance ({@link #latestAtOrBefore(Instant)}, {@link #previous(Instant)},
 * {@link #intervalAt(Instant)}).
 *
 * <p>The rules: the cron is matched against the local wall clock (cron-utils evaluates it as if in UTC, where no
 * time is skipped or repeated), then each matching local time is placed on the time line with the zone's rules:
 * <ul>
 *   <li>a local time that occurs twice (fall back) fires once, at its FIRST occurrence (the earlier offset);</li>
 *   <li>a local time that does not exist (spring forward) fires at the next valid instant, the END of the gap
 *       (several local times in one gap give one slot);</li>
 *   <li>every other local time fires at its only instant.</li>
 * </ul>
 * Placing is monotonic (a later local time never lands before an earlier one), so the slots are the distinct
 * placed instants, in order. Example: {@code 30 2 * * *} in Europe/Berlin fires on 2026-10-25 at 00:30Z (02:30
 * CEST), not again at 01:30Z (02:30 CET); on 2026-03-29 it fires at 01:00Z (03:00 CEST, the end of the gap).
 *
 * <p>Immutable and thread-safe; a cron that never matches (e.g. {@code 0 0 30 2 *}) simply has no slots.
 */
public final class CronSchedule {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** How far around an instant the zone's offsets are considered when searching back (offsets change rarely). */
    private static final Duration OFFSET_WINDOW = Duration.ofDays(2);

    private final String cron;
    private final ExecutionTime execution;
    private final ZoneId zone;
    private final ZoneRules rules;

    private CronSchedule(String cron, ExecutionTime execution, ZoneId zone) {
        this.cron = cron;
        this.execution = execution;
        this.zone = zone;
        this.rules = zone.getRules();
    }

    /**
     * @param cron a 5-field UNIX cron (minute hour day-of-month month day-of-week)
     * @param timeZone an IANA zone id, e.g. {@code UTC} or {@code Europe/Berlin}
     * @throws IllegalArgumentException when the cron or the zone cannot be read (the message says which)
     */
    public static CronSchedule of(String cron, String timeZone) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("invalid cron: must not be blank");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(Objects.requireNonNull(timeZone, "time zone"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + timeZone + "'", e);
        }
        String trimmed = cron.trim();
        if (trimmed.split("\\s+").length != 5) {
            throw new IllegalArgumentException("invalid cron '" + cron
                    + "': must have 5 fields (minute hour day-of-month month day-of-week)");
        }
        try {
            return new CronSchedule(trimmed, ExecutionTime.forCron(PARSER.parse(trimmed).validate()), zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cron '" + cron + "': " + e.getMessage(), e);
        }
    }

    /** Like {@link #of}, empty when the cron or the zone cannot be read. */
    public static Optional<CronSchedule> parse(String cron, String timeZone) {
        try {
            return Optional.of(of(cron, timeZone));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String cron() {
        return cron;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first slot strictly after {@code after}, or empty when the cron never fires again. */
    public Optional<Instant> next(Instant after) {
        // Every local time up to local(after) is placed at or before `after` (placing is monotonic and
        // local(after) itself is placed at or before it), so the search starts there; it only skips the second
        // pass through a repeated hour, whose local times fired at their first occurrence.
        LocalDateTime local = LocalDateTime.ofInstant(after, zone);
        while (true) {
            Optional<LocalDateTime> candidate = nextLocal(local);
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            local = candidate.get();
            Instant placed = place(local);
            if (placed.isAfter(after)) {
                return Optional.of(placed);
            }
        }
    }

    /** The next {@code count} slots strictly after {@code after}, oldest first (fewer if the cron stops firing). */
    public List<Instant> next(Instant after, int count) {
        List<Instant> slots = new ArrayList<>(Math.max(0, count));
        Optional<Instant> next = count > 0 ? next(after) : Optional.empty();
        while (next.isPresent()) {
            slots.add(next.get());
            next = slots.size() < count ? next(next.get()) : Optional.empty();
        }
        return slots;
    }

    /** The slots in {@code (after, until]}, at most {@code limit} of them, oldest first. */
    public List<Instant> between(Instant after, Instant until, int limit) {
        List<Instant> slots = new ArrayList<>();
        Optional<Instant> next = next(after);
        while (next.isPresent() && !next.get().isAfter(until) && slots.size() < limit) {
            slots.add(next.get());
            next = next(next.get());
        }
        return slots;
    }

    /**
     * The latest slot at or before {@code at}, or empty when the cron never fired before it.
     *
     * <p>Around a fall-back change the answer may lie at a LATER local time than {@code at}'s: at 2026-10-25T01:10Z
     * (02:10 CET, the second pass through 02:xx in Europe/Berlin) the latest slot of {@code 30 2 * * *} is 00:30Z
     * (02:30 CEST). So the search goes back from {@code at}'s local time plus the zone's largest offset nearby, and
     * keeps the first local time placed at or before {@code at}.
     */
    public Optional<Instant> latestAtOrBefore(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        LocalDateTime bound = LocalDateTime.ofInstant(at, largestOffsetAround(at));
        // a probe just after the bound, at whole seconds, so that a slot at exactly the bound is found
        LocalDateTime probe = (bound.isAfter(local) ? bound : local).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        while (true) {
            Optional<LocalDateTime> candidate = previousLocal(probe);
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            Instant placed = place(candidate.get());
            // terminates at the latest once the candidate is at or before local(at), which is placed <= at
            if (!placed.isAfter(at)) {
                return Optional.of(placed);
            }
            probe = candidate.get();
        }
    }

    /** The latest slot strictly before {@code before}, or empty when there is none. */
    public Optional<Instant> previous(Instant before) {
        return latestAtOrBefore(before.minusNanos(1));
    }

    /**
     * The interval that applies at {@code at}: the gap between the latest slot at or before it and the slot before
     * that one (so a monthly schedule is judged by the month that just ran, 28 to 31 days); empty when the cron has
     * not fired twice before {@code at}.
     */
    public Optional<Duration> intervalAt(Instant at) {
        return latestAtOrBefore(at).flatMap(last -> previous(last).map(prev -> Duration.between(prev, last)));
    }

    /** Where a matching local time fires: its only instant, its first occurrence, or the end of its gap. */
    public Instant place(LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        // in an overlap the offsets are listed earlier first: the larger one, i.e. the first occurrence
        return local.toInstant(offsets.get(0));
    }

    private Optional<LocalDateTime> nextLocal(LocalDateTime after) {
        return execution.nextExecution(after.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
    }

    private Optional<LocalDateTime> previousLocal(LocalDateTime before) {
        return execution.lastExecution(before.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
    }

    /**
     * The largest offset the zone has within {@link #OFFSET_WINDOW} of {@code at}: a local time placed at or before
     * {@code at} is at most {@code at} in that offset.
     */
    private ZoneOffset largestOffsetAround(Instant at) {
        ZoneOffset largest = rules.getOffset(at);
        Instant from = at.minus(OFFSET_WINDOW);
        Instant to = at.plus(OFFSET_WINDOW);
        ZoneOffsetTransition transition = rules.nextTransition(from);
        while (transition != null && !transition.getInstant().isAfter(to)) {
            for (ZoneOffset offset : List.of(transition.getOffsetBefore(), transition.getOffsetAfter())) {
                if (offset.compareTo(largest) < 0) { // ZoneOffset sorts the largest offset first
                    largest = offset;
                }
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        return largest;
    }

    @Override
    public String toString() {
        return cron + " " + zone;
    }
}
