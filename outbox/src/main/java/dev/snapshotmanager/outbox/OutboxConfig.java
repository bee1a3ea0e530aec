package dev.snapshotmanager.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay runs ({@code snapshot.outbox.*}). */
@ConfigMapping(prefix = "snapshot.outbox")
public interface OutboxConfig {

    /** Whether this instance relays outbox events to Kafka. */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for pending events when nothing woke it. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most events published in one database transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long a published event stays in the table (for inspection) before it is pruned. */
    @WithDefault("P1D")
    Duration retention();

    /**
     * How long a consumer's processed-event mark ({@code processed_event}) is kept. A redelivered event whose mark is
     * gone is applied again, so this must exceed how long after its first delivery an event can come again: the
     * consumed topics keep records for 7 days, up to 14 with Kafka's default 7-day segment roll (module README).
     */
    @WithDefault("P30D")
    Duration processedRetention();

    /** How often processed-event marks older than {@link #processedRetention()} are pruned ({@code off}: never). */
    @WithDefault("10m")
    String pruneInterval();

    /** Longest pause between attempts while the broker is unreachable. */
    @WithDefault("10s")
    Duration maxBackoff();

    /** How long to wait for the broker to acknowledge a batch. */
    @WithDefault("20s")
    Duration sendTimeout();
}
