package dev.snapshotmanager.emulator.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests answered per operation and status code. */
public final class Counters {

    private final Map<String, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();

    public void record(String operation, int status) {
        counts.computeIfAbsent(operation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, k -> new LongAdder())
                .increment();
    }

    /** Requests of one operation, all statuses. */
    public long count(String operation) {
        Map<Integer, LongAdder> byStatus = counts.get(operation);
        return byStatus == null ? 0 : byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Requests of one operation answered with one status. */
    public long count(String operation, int status) {
        Map<Integer, LongAdder> byStatus = counts.get(operation);
        LongAdder adder = byStatus == null ? null : byStatus.get(status);
        return adder == null ? 0 : adder.sum();
    }

    /** Everything, sorted: operation -> status -> count. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        counts.forEach((op, byStatus) -> {
            Map<String, Long> statuses = new TreeMap<>();
            byStatus.forEach((status, adder) -> statuses.put(String.valueOf(status), adder.sum()));
            result.put(op, statuses);
        });
        return result;
    }

    public void reset() {
        counts.clear();
    }
}
