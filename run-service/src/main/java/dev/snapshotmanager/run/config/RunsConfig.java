package dev.snapshotmanager.run.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How runs are tracked ({@code snapshot.runs.*}). */
@ConfigMapping(prefix = "snapshot.runs")
public interface RunsConfig {

    /** An active run with no planning or volume result for this long is failed with reason WORKER_LOST. */
    @WithDefault("PT30M")
    Duration staleAfter();

    /** How often active runs are checked for staleness (a Quarkus scheduler interval, e.g. {@code 30s}). */
    @WithDefault("30s")
    String staleCheckInterval();

    /** At most one PROGRESS lifecycle event per run within this interval. */
    @WithDefault("PT1S")
    Duration progressEventInterval();
}
