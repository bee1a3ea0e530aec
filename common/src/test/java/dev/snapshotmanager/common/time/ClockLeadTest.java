package dev.snapshotmanager.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockLeadTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aTimeAheadCountsAsNowAndAnEarlierOneAsItIs() {
        assertThat(ClockLead.capped(NOW.plusMillis(3), NOW)).isEqualTo(NOW);
        assertThat(ClockLead.capped(NOW.minusSeconds(5), NOW)).isEqualTo(NOW.minusSeconds(5));
    }

    @Test
    void onlyALeadOfMoreThanAMinuteIsNoticeable() {
        assertThat(ClockLead.noticeable(NOW.plusSeconds(60), NOW)).isFalse();
        assertThat(ClockLead.noticeable(NOW.plusSeconds(61), NOW)).isTrue();
    }
}
