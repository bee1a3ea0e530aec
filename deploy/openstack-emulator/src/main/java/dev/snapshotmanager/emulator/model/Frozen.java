package dev.snapshotmanager.emulator.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Immutable copies with a stable iteration order (metadata is rendered sorted by key). */
public final class Frozen {

    private Frozen() {
    }

    public static Map<String, String> map(Map<String, String> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new TreeMap<>(source));
    }

    public static <T> List<T> list(List<T> source) {
        return source == null || source.isEmpty() ? List.of() : List.copyOf(source);
    }
}
