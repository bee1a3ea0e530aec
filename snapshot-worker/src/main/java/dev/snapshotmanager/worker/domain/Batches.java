package dev.snapshotmanager.worker.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Per-project batches: a project is split only when it alone has more volumes than the batch size. */
public final class Batches {

    private Batches() {
    }

    /** Batches in project order, each holding volumes of one project. */
    public static <V> List<List<V>> of(List<V> volumes, Function<V, String> project, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        Map<String, List<V>> byProject = new TreeMap<>();
        volumes.forEach(v -> byProject.computeIfAbsent(project.apply(v), p -> new ArrayList<>()).add(v));
        List<List<V>> batches = new ArrayList<>();
        for (List<V> ofProject : byProject.values()) {
            for (int from = 0; from < ofProject.size(); from += batchSize) {
                batches.add(List.copyOf(ofProject.subList(from, Math.min(ofProject.size(), from + batchSize))));
            }
        }
        return batches;
    }
}
