package dev.snapshotmanager.common.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DOMAIN.md's DST rules: a repeated local time fires once, at its first occurrence; a skipped one at the gap's end. */
class CronScheduleTest {

    private static final String BERLIN = "Europe/Berlin";

    @Test
    void aRepeatedLocalTimeFiresOnceAtItsFirstOccurrence() {
        CronSchedule daily = CronSchedule.of("30 2 * * *", BERLIN);

        // 2026-10-25: 02:30 CEST = 00:30Z; 02:30 CET (01:30Z) is not a slot
        assertThat(daily.next(at("2026-10-24T12:00:00Z"), 3)).containsExactly(at("2026-10-25T00:30:00Z"),
                at("2026-10-26T01:30:00Z"), at("2026-10-27T01:30:00Z"));
        assertThat(daily.next(at("2026-10-25T00:30:00Z"))).contains(at("2026-10-26T01:30:00Z"));
        // from after the second 02:30, the latest slot is still the first one
        assertThat(daily.latestAtOrBefore(at("2026-10-25T02:30:00Z"))).contains(at("2026-10-25T00:30:00Z"));
        assertThat(daily.latestAtOrBefore(at("2026-10-25T06:00:00Z"))).contains(at("2026-10-25T00:30:00Z"));
        assertThat(daily.intervalAt(at("2026-10-25T06:00:00Z"))).contains(Duration.ofHours(24));
        assertThat(daily.intervalAt(at("2026-10-26T06:00:00Z"))).contains(Duration.ofHours(25));
    }

    @Test
    void findsTheFirstOccurrenceFromTheSecondPassThroughTheRepeatedHour() {
        CronSchedule daily = CronSchedule.of("30 2 * * *", BERLIN);

        // 01:10Z is 02:10 CET: locally before 02:30, yet 02:30 CEST (00:30Z) has already fired
        assertThat(daily.latestAtOrBefore(at("2026-10-25T01:10:00Z"))).contains(at("2026-10-25T00:30:00Z"));
        assertThat(daily.latestAtOrBefore(at("2026-10-25T00:29:59Z"))).contains(at("2026-10-24T00:30:00Z"));
        assertThat(daily.latestAtOrBefore(at("2026-10-25T00:30:00Z"))).contains(at("2026-10-25T00:30:00Z"));
        assertThat(daily.next(at("2026-10-25T01:10:00Z"))).contains(at("2026-10-26T01:30:00Z"));
    }

    @Test
    void aSkippedLocalTimeFiresAtTheEndOfTheGap() {
        CronSchedule daily = CronSchedule.of("30 2 * * *", BERLIN);

        // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z); 02:30 does not exist
        assertThat(daily.next(at("2026-03-28T12:00:00Z"), 2))
                .containsExactly(at("2026-03-29T01:00:00Z"), at("2026-03-30T00:30:00Z"));
        assertThat(daily.latestAtOrBefore(at("2026-03-29T06:00:00Z"))).contains(at("2026-03-29T01:00:00Z"));
        assertThat(daily.latestAtOrBefore(at("2026-03-29T00:59:59Z"))).contains(at("2026-03-28T01:30:00Z"));
        assertThat(daily.intervalAt(at("2026-03-29T06:00:00Z"))).contains(Duration.ofMinutes(23 * 60 + 30));
    }

    @Test
    void anHourlyScheduleFiresOncePerInstantOverBothChanges() {
        CronSchedule hourly = CronSchedule.of("0 * * * *", BERLIN);

        // spring: 01:00 CET (00:00Z), 02:00 (gap -> 01:00Z), 03:00 CEST (01:00Z, the same slot), 04:00 CEST (02:00Z)
        assertThat(hourly.between(at("2026-03-28T23:30:00Z"), at("2026-03-29T02:00:00Z"), 10))
                .containsExactly(at("2026-03-29T00:00:00Z"), at("2026-03-29T01:00:00Z"), at("2026-03-29T02:00:00Z"));
        // autumn: 02:00 CEST (00:00Z), 02:00 CET again (not a slot), 03:00 CET (02:00Z)
        assertThat(hourly.between(at("2026-10-24T22:30:00Z"), at("2026-10-25T02:00:00Z"), 10))
                .containsExactly(at("2026-10-24T23:00:00Z"), at("2026-10-25T00:00:00Z"), at("2026-10-25T02:00:00Z"));
        assertThat(hourly.latestAtOrBefore(at("2026-10-25T01:59:00Z"))).contains(at("2026-10-25T00:00:00Z"));
        assertThat(hourly.intervalAt(at("2026-10-25T02:30:00Z"))).contains(Duration.ofHours(2));
    }

    @Test
    void aMonthlyScheduleHasTheLengthOfTheMonthThatRan() {
        CronSchedule monthly = CronSchedule.of("0 2 1 * *", "UTC");

        assertThat(monthly.latestAtOrBefore(at("2026-11-15T12:00:00Z"))).contains(at("2026-11-01T02:00:00Z"));
        assertThat(monthly.previous(at("2026-11-01T02:00:00Z"))).contains(at("2026-10-01T02:00:00Z"));
        assertThat(monthly.intervalAt(at("2026-11-15T12:00:00Z"))).contains(Duration.ofDays(31));
        assertThat(monthly.intervalAt(at("2026-12-15T12:00:00Z"))).contains(Duration.ofDays(30));
        assertThat(monthly.next(at("2026-11-15T12:00:00Z"))).contains(at("2026-12-01T02:00:00Z"));
    }

    @Test
    void aCronThatNeverFiresHasNoSlots() {
        CronSchedule never = CronSchedule.of("0 0 30 2 *", BERLIN);

        assertThat(never.next(at("2026-01-01T00:00:00Z"))).isEmpty();
        assertThat(never.next(at("2026-01-01T00:00:00Z"), 3)).isEmpty();
        assertThat(never.latestAtOrBefore(at("2026-06-01T00:00:00Z"))).isEmpty();
        assertThat(never.intervalAt(at("2026-06-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void theLatestSlotAtOrBeforeTheNextSlotIsThatSlot() {
        for (String zone : List.of(BERLIN, "America/New_York", "Australia/Lord_Howe", "UTC")) {
            for (String cron : List.of("30 2 * * *", "0 * * * *", "*/20 1-3 * * *", "15 2 * * 0", "0 2 1 * *")) {
                CronSchedule schedule = CronSchedule.of(cron, zone);
                List<Instant> slots = new ArrayList<>();
                Instant t = at("2026-01-01T00:00:00Z");
                while (t.isBefore(at("2027-01-01T00:00:00Z"))) {
                    Instant next = schedule.next(t).orElseThrow();
                    assertThat(next).as("%s %s after %s", cron, zone, t).isAfter(t);
                    assertThat(schedule.latestAtOrBefore(next)).as("%s %s at %s", cron, zone, next).contains(next);
                    assertThat(schedule.previous(next)).as("%s %s before %s", cron, zone, next)
                            .isEqualTo(slots.isEmpty() ? schedule.previous(next) : Optional.of(slots.get(slots.size() - 1)));
                    // halfway to the next slot, the latest slot is still t's
                    Instant between = t.plus(Duration.between(t, next).dividedBy(2));
                    if (!slots.isEmpty()) {
                        assertThat(schedule.latestAtOrBefore(between)).as("%s %s at %s", cron, zone, between)
                                .contains(slots.get(slots.size() - 1));
                    }
                    slots.add(next);
                    t = next;
                }
            }
        }
    }

    @Test
    void rejectsAnUnreadableCronOrZone() {
        assertThatThrownBy(() -> CronSchedule.of("0 2 * *", "UTC")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronSchedule.of("0 25 * * *", "UTC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronSchedule.of("0 2 * * *", "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time zone");
        assertThat(CronSchedule.parse("nonsense", "UTC")).isEmpty();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
