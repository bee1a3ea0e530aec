package dev.snapshotmanager.worker.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Runs announced CANCELLED on the run-lifecycle topic: their volumes not yet started are skipped. */
@ApplicationScoped
public class CancelledRuns {

    private static final int REMEMBERED = 10_000;

    private final Set<UUID> cancelled = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    public void cancel(UUID runId) {
        cancelled.add(runId);
    }

    public boolean isCancelled(UUID runId) {
        return cancelled.contains(runId);
    }
}
