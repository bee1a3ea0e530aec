package dev.snapshotmanager.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulesTest {

    @Test
    void listsTheNextFireTimesInTheZone() {
        List<ZonedDateTime> fires = Schedules.next("0 2 * * *", "Europe/Paris", Instant.parse("2026-01-10T12:00:00Z"), 2);
        assertThat(fires).extracting(ZonedDateTime::toInstant).containsExactly(
                Instant.parse("2026-01-11T01:00:00Z"), Instant.parse("2026-01-12T01:00:00Z"));
    }

    @Test
    void aLocalTimeThatDoesNotExistRunsAtTheNextValidInstant() {
        // Europe/Paris springs forward on 2026-03-29: 02:00 -> 03:00 local; 02:30 does not exist that day.
        List<ZonedDateTime> fires = Schedules.next("30 2 * * *", "Europe/Paris", Instant.parse("2026-03-28T12:00:00Z"),
                2);
        assertThat(fires).extracting(ZonedDateTime::toInstant).containsExactly(
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void aLocalTimeThatOccursTwiceRunsOnce() {
        // Europe/Paris falls back on 2026-10-25: 02:00-03:00 local happens twice.
        List<ZonedDateTime> fires = Schedules.next("30 2 * * *", "Europe/Paris", Instant.parse("2026-10-24T12:00:00Z"),
                2);
        assertThat(fires).extracting(ZonedDateTime::toInstant).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void severalSlotsInsideTheGapRunOnceAtItsEnd() {
        List<ZonedDateTime> fires = Schedules.next("*/20 2 * * *", "Europe/Paris",
                Instant.parse("2026-03-29T00:30:00Z"), 2);
        assertThat(fires).extracting(ZonedDateTime::toInstant).containsExactly(
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"));
    }

    @Test
    void validatesFiveFieldCronAndIanaZones() {
        assertThat(Schedules.cronError("0 2 * * *")).isEmpty();
        assertThat(Schedules.cronError("0 0 2 * * *")).isPresent();
        assertThat(Schedules.cronError("61 2 * * *")).isPresent();
        assertThat(Schedules.cronError("")).isPresent();
        assertThat(Schedules.zoneError("America/New_York")).isEmpty();
        assertThat(Schedules.zoneError("UTC")).isEmpty();
        assertThat(Schedules.zoneError("Mars/Olympus")).isPresent();
        assertThat(Schedules.zoneError("+02:00")).isPresent();
    }
}
