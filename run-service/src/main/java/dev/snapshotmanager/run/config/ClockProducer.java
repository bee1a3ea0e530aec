package dev.snapshotmanager.run.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The clock of the service: the UTC system clock ticking in whole microseconds, the precision PostgreSQL stores, so
 * that a time in an event equals the same time read back from the API. Tests replace it to drive time.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
