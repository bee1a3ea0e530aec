package dev.snapshotmanager.run.service;

import dev.snapshotmanager.run.config.RunsConfig;
import dev.snapshotmanager.run.config.RunsConfig.StaleAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * How stale runs are handled, as configured ({@code snapshot.runs.stale-after}, {@code stale-action},
 * {@code max-redrives}). A bean of its own so that tests can replace it per test (QuarkusMock) and try both actions
 * within one test profile.
 */
@ApplicationScoped
public class StaleRunPolicy {

    @Inject
    RunsConfig config;

    /** A run silent (no planning, result or heartbeat) for this long is stale. */
    public Duration staleAfter() {
        return config.staleAfter();
    }

    /** A REQUESTED run (not picked up by a worker's planner yet) silent for this long is stale. */
    public Duration requestTimeout() {
        return config.requestTimeout();
    }

    /** FAIL or REDRIVE. */
    public StaleAction action() {
        return config.staleAction();
    }

    /** How often an unplanned stale run is requested again before it fails (with REDRIVE). */
    public int maxRedrives() {
        return config.maxRedrives();
    }
}
