package dev.snapshotmanager.common.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Times another service's clock wrote, read against this service's clock. A time ahead of this clock counts as now:
 * taken as it is, a clock running ahead would pin a state in the future (the newest outcome, observation or schedule
 * would stay newest for good). A lead of a few milliseconds is ordinary skew; only one beyond {@link #NOTICEABLE} is
 * worth a log line.
 */
public final class ClockLead {

    /** The lead beyond which callers log that another clock runs ahead. */
    public static final Duration NOTICEABLE = Duration.ofMinutes(1);

    private ClockLead() {
    }

    /** {@code at}, or {@code now} when {@code at} lies ahead of it. */
    public static Instant capped(Instant at, Instant now) {
        return at.isAfter(now) ? now : at;
    }

    /** Whether {@code at} lies more than {@link #NOTICEABLE} ahead of {@code now}. */
    public static boolean noticeable(Instant at, Instant now) {
        return at.isAfter(now.plus(NOTICEABLE));
    }
}
