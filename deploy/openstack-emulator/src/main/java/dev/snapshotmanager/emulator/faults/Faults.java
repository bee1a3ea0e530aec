package dev.snapshotmanager.emulator.faults;

import dev.snapshotmanager.emulator.faults.FaultSettings.ErrorRule;
import dev.snapshotmanager.emulator.faults.FaultSettings.Latency;
import dev.snapshotmanager.emulator.faults.FaultSettings.SnapshotFaults;
import dev.snapshotmanager.emulator.faults.FaultSettings.VanishingMarker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Runtime fault injection; every random decision comes from one seeded generator. Thread-safe. */
public final class Faults {

    /** What happens to a snapshot after create or delete. */
    public enum Outcome { SUCCESS, ERROR, STUCK }

    private final long defaultSeed;
    private FaultSettings settings = FaultSettings.NONE;
    private Random random;
    private final Map<ErrorRule, Integer> injected = new HashMap<>();
    /** Markers deleted so far, by the operation key of their rule. */
    private final Map<String, Integer> vanished = new HashMap<>();
    private Runnable tokenExpiry = () -> { };

    public Faults(long seed) {
        this.defaultSeed = seed;
        this.random = new Random(seed);
    }

    /** Replaces every fault setting (a null seed keeps the generator as it is). */
    public synchronized Faults apply(FaultSettings newSettings) {
        settings = newSettings == null ? FaultSettings.NONE : newSettings;
        injected.clear();
        vanished.clear();
        if (settings.seed() != null) {
            random = new Random(settings.seed());
        }
        return this;
    }

    public synchronized FaultSettings settings() {
        return settings;
    }

    /** No faults, no delays, the generator back at the initial seed. */
    public synchronized void reset() {
        settings = FaultSettings.NONE;
        injected.clear();
        vanished.clear();
        random = new Random(defaultSeed);
    }

    public synchronized Faults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    public synchronized Faults latency(String operation, long fixedMs, long randomMs) {
        Map<String, Latency> latency = new HashMap<>(settings.latency());
        latency.put(operation, new Latency(fixedMs, randomMs));
        settings = new FaultSettings(settings.seed(), latency, settings.errors(), settings.snapshots(),
                settings.vanishingMarkers());
        return this;
    }

    /** Injects {@code status} into a share {@code rate} of {@code operation}'s requests, at most {@code times}. */
    public synchronized Faults error(String operation, int status, double rate, Integer times) {
        Map<String, List<ErrorRule>> errors = new HashMap<>(settings.errors());
        List<ErrorRule> rules = new java.util.ArrayList<>(errors.getOrDefault(operation, List.of()));
        rules.add(new ErrorRule(status, rate, times));
        errors.put(operation, List.copyOf(rules));
        settings = new FaultSettings(settings.seed(), settings.latency(), errors, settings.snapshots(),
                settings.vanishingMarkers());
        return this;
    }

    public synchronized Faults snapshots(SnapshotFaults snapshotFaults) {
        settings = new FaultSettings(settings.seed(), settings.latency(), settings.errors(), snapshotFaults,
                settings.vanishingMarkers());
        return this;
    }

    /**
     * The item named as the marker of {@code operation}'s page requests is deleted before the page is answered, at
     * most {@code times} times (null or 0: always).
     */
    public synchronized Faults vanishingMarker(String operation, Integer times) {
        Map<String, VanishingMarker> markers = new HashMap<>(settings.vanishingMarkers());
        markers.put(operation, new VanishingMarker(times));
        settings = new FaultSettings(settings.seed(), settings.latency(), settings.errors(), settings.snapshots(),
                markers);
        vanished.remove(operation);
        return this;
    }

    /**
     * Whether the marker of this page request of {@code operation} vanishes now (counted: the caller deletes the
     * item it names).
     */
    public synchronized boolean markerVanishes(String operation) {
        String key = lookupKey(settings.vanishingMarkers(), operation);
        if (key == null) {
            return false;
        }
        Integer times = settings.vanishingMarkers().get(key).times();
        int done = vanished.getOrDefault(key, 0);
        if (times != null && times > 0 && done >= times) {
            return false;
        }
        vanished.put(key, done + 1);
        return true;
    }

    /** Expires every token issued so far: the next call with one of them gets a 401. */
    public void expireTokens() {
        tokenExpiry.run();
    }

    public void onExpireTokens(Runnable action) {
        this.tokenExpiry = action;
    }

    /** Milliseconds to wait before answering {@code operation}. */
    public synchronized long delayFor(String operation) {
        Latency latency = lookup(settings.latency(), operation);
        if (latency == null) {
            return 0;
        }
        long extra = latency.randomMs() > 0 ? (long) (random.nextDouble() * (latency.randomMs() + 1)) : 0;
        return latency.fixedMs() + extra;
    }

    /** The status to inject instead of answering {@code operation}, or 0. */
    public synchronized int errorFor(String operation) {
        List<ErrorRule> rules = lookup(settings.errors(), operation);
        if (rules == null) {
            return 0;
        }
        for (ErrorRule rule : rules) {
            int done = injected.getOrDefault(rule, 0);
            boolean exhausted = rule.times() != null && rule.times() > 0 && done >= rule.times();
            if (!exhausted && rule.rate() > 0 && random.nextDouble() < rule.rate()) {
                injected.put(rule, done + 1);
                return rule.status();
            }
        }
        return 0;
    }

    public synchronized Outcome createOutcome() {
        SnapshotFaults f = settings.snapshots();
        if (f.stuckRate() > 0 && random.nextDouble() < f.stuckRate()) {
            return Outcome.STUCK;
        }
        return f.errorRate() > 0 && random.nextDouble() < f.errorRate() ? Outcome.ERROR : Outcome.SUCCESS;
    }

    public synchronized Outcome deleteOutcome() {
        double rate = settings.snapshots().errorDeletingRate();
        return rate > 0 && random.nextDouble() < rate ? Outcome.ERROR : Outcome.SUCCESS;
    }

    public synchronized long createDelayMs() {
        return settings.snapshots().createDelayMs();
    }

    public synchronized long deleteDelayMs() {
        return settings.snapshots().deleteDelayMs();
    }

    private static <T> T lookup(Map<String, T> byOperation, String operation) {
        String key = lookupKey(byOperation, operation);
        return key == null ? null : byOperation.get(key);
    }

    /** The key that applies to {@code operation}: the operation itself, else the first matching prefix with a star. */
    private static String lookupKey(Map<String, ?> byOperation, String operation) {
        if (byOperation.isEmpty()) {
            return null;
        }
        if (byOperation.containsKey(operation)) {
            return operation;
        }
        for (String key : byOperation.keySet()) {
            if (key.endsWith("*") && operation.startsWith(key.substring(0, key.length() - 1))) {
                return key;
            }
        }
        return null;
    }
}
