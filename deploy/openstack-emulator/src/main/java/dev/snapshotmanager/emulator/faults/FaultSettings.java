package dev.snapshotmanager.emulator.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Faults as JSON ({@code PUT /_emulator/faults}). Operation keys are names such as {@code snapshots.create},
 * a prefix with a star ({@code snapshots.*}) or {@code *}.
 *
 * @param seed             seed of every random decision, for reproducible faulty runs (null keeps the current one)
 * @param latency          per operation: fixed plus uniformly random extra milliseconds
 * @param errors           per operation: answers injected instead of the real one
 * @param snapshots        snapshot lifecycle: delays and outcomes
 * @param vanishingMarkers per list operation ({@code volumes.list}, {@code snapshots.list}): the item a page
 *                         request names as its {@code marker} is deleted just before the page is answered, as if
 *                         it had been deleted between two pages (Cinder then answers 404 for the unknown marker)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSettings(Long seed, Map<String, Latency> latency, Map<String, List<ErrorRule>> errors,
                            SnapshotFaults snapshots, Map<String, VanishingMarker> vanishingMarkers) {

    public static final FaultSettings NONE = new FaultSettings(null, Map.of(), Map.of(), SnapshotFaults.NONE,
            Map.of());

    @JsonCreator
    public FaultSettings {
        latency = latency == null ? Map.of() : Map.copyOf(latency);
        errors = errors == null ? Map.of() : Map.copyOf(errors);
        snapshots = snapshots == null ? SnapshotFaults.NONE : snapshots;
        vanishingMarkers = vanishingMarkers == null ? Map.of() : Map.copyOf(vanishingMarkers);
    }

    /** Settings without vanishing markers. */
    public FaultSettings(Long seed, Map<String, Latency> latency, Map<String, List<ErrorRule>> errors,
                         SnapshotFaults snapshots) {
        this(seed, latency, errors, snapshots, null);
    }

    /** Delay before answering: {@code fixedMs} plus a uniform random value in [0, randomMs]. */
    public record Latency(long fixedMs, long randomMs) {
    }

    /**
     * An injected error.
     *
     * @param status 500, 503, 429 (as from a proxy in front), 413 (legacy rate limiter, {@code overLimitFault})
     * @param rate   probability in [0, 1]
     * @param times  at most this many injections (null or 0: unlimited)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorRule(int status, double rate, Integer times) {
    }

    /**
     * The marker of a page request vanishes: the item it names is deleted before the page is answered.
     *
     * @param times at most this many items are deleted so (null or 0: every page request with a marker)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VanishingMarker(Integer times) {
    }

    /**
     * Snapshot lifecycle faults and delays.
     *
     * @param createDelayMs     time in {@code creating}
     * @param deleteDelayMs     time in {@code deleting}
     * @param stuckRate         probability a new snapshot stays {@code creating} forever
     * @param errorRate         probability a new snapshot ends in {@code error}
     * @param errorDeletingRate probability a delete ends in {@code error_deleting}
     */
    public record SnapshotFaults(long createDelayMs, long deleteDelayMs, double stuckRate, double errorRate,
                                 double errorDeletingRate) {

        public static final SnapshotFaults NONE = new SnapshotFaults(0, 0, 0, 0, 0);
    }
}
