package dev.snapshotmanager.run.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the scheduler fires policy slots ({@code snapshot.scheduler.*}). */
@ConfigMapping(prefix = "snapshot.scheduler")
public interface SchedulerConfig {

    /** Whether this instance fires due slots (every replica may; the unique slot index keeps it exactly-once). */
    @WithDefault("true")
    boolean enabled();

    /** How often due slots are looked for (a Quarkus scheduler interval, e.g. {@code 5s}). */
    @WithDefault("5s")
    String tickInterval();

    /** A slot noticed later than this after its time is MISSED instead of run. */
    @WithDefault("PT5M")
    Duration missedAfter();

    /** Missed slots older than this are not recorded one by one; if none is newer, the newest still is handled. */
    @WithDefault("P7D")
    Duration missedLookback();
}
