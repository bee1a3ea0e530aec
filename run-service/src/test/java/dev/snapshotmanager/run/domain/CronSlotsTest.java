package dev.snapshotmanager.run.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronSlotsTest {

    @Test
    void nonexistentLocalTimeRunsAtTheNextValidInstant() {
        // 2026-03-29 in Europe/Berlin: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist
        CronSlots slots = CronSlots.of("30 2 * * *", "Europe/Berlin");
        assertThat(slots.next(Instant.parse("2026-03-28T12:00:00Z"))).contains(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(slots.next(Instant.parse("2026-03-29T01:00:00Z"))).contains(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void repeatedLocalTimeRunsOnce() {
        // 2026-10-25 in Europe/Berlin: 03:00 CEST falls back to 02:00 CET; 02:30 occurs twice
        CronSlots slots = CronSlots.of("30 2 * * *", "Europe/Berlin");
        Instant first = Instant.parse("2026-10-25T00:30:00Z");
        assertThat(slots.next(Instant.parse("2026-10-24T12:00:00Z"))).contains(first);
        assertThat(slots.next(first)).contains(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void hourlySlotsAcrossTheSpringGapAreNotDuplicated() {
        CronSlots slots = CronSlots.of("0 * * * *", "Europe/Berlin");
        List<Instant> day = slots.between(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:59:00Z"), 100);
        // 23 local hours that day, each fired once
        assertThat(day).hasSize(23).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void rejectsAnInvalidCronOrZone() {
        assertThatThrownBy(() -> CronSlots.of("not a cron", "UTC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronSlots.of("0 2 * * *", "Mars/Olympus")).isInstanceOf(IllegalArgumentException.class);
    }
}
