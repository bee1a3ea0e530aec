package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A fold of stored results into the compliance state per (volume, policy) of {@code volume_policy_state}: the newest
 * CREATED and the latest attempt (CREATED, FAILED, QUOTA_BLOCKED) of real runs, and the project of that attempt. Folds
 * are kept in memory, one entry per key however many results it saw, and merged into the table with {@link #merge}:
 * one statement that never moves a state back in time, so a fold may be merged again, or after a newer one, and
 * folds merge into each other in any order. Not thread-safe.
 */
public final class ComplianceStateFold {

    static final Set<VolumeAction> ATTEMPTS = EnumSet.of(VolumeAction.CREATED, VolumeAction.FAILED,
            VolumeAction.QUOTA_BLOCKED);

    /*
     * Rows arrive as one array per column and are merged in key order: two merges touching the same keys at once
     * wait for each other instead of deadlocking.
     */
    private static final String MERGE = "INSERT INTO volume_policy_state AS s (volume_id, policy_set_id, policy_name,"
            + " project_id, last_created_at, last_attempt_at, last_attempt_action)"
            + " SELECT volume_id, policy_set_id, policy_name, project_id,"
            + " timestamptz 'epoch' + created_us * interval '1 microsecond',"
            + " timestamptz 'epoch' + attempted_us * interval '1 microsecond', last_attempt_action"
            + " FROM unnest(?::text[], ?::uuid[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::text[])"
            + " AS f(volume_id, policy_set_id, policy_name, project_id, created_us, attempted_us, last_attempt_action)"
            + " ORDER BY volume_id, policy_set_id, policy_name"
            + " ON CONFLICT (volume_id, policy_set_id, policy_name) DO UPDATE SET"
            + " project_id = CASE WHEN s.last_attempt_at IS NULL OR EXCLUDED.last_attempt_at >= s.last_attempt_at"
            + " THEN coalesce(EXCLUDED.project_id, s.project_id) ELSE s.project_id END,"
            + " last_created_at = GREATEST(s.last_created_at, EXCLUDED.last_created_at),"
            + " last_attempt_action = CASE WHEN s.last_attempt_at IS NULL OR EXCLUDED.last_attempt_at >= s.last_attempt_at"
            + " THEN EXCLUDED.last_attempt_action ELSE s.last_attempt_action END,"
            + " last_attempt_at = GREATEST(s.last_attempt_at, EXCLUDED.last_attempt_at)";

    private record Key(String volumeId, UUID policySetId, String policyName) {
    }

    /** The fold of one key so far; its times are microseconds since the epoch, as PostgreSQL keeps them. */
    private static final class State {
        String projectId;
        Long lastCreated;
        long lastAttempt = Long.MIN_VALUE;
        VolumeAction lastAction;

        void attempt(long at, VolumeAction action, String project) {
            if (at >= lastAttempt) {
                lastAttempt = at;
                lastAction = action;
                projectId = project;
            }
            if (action == VolumeAction.CREATED && (lastCreated == null || at > lastCreated)) {
                lastCreated = at;
            }
        }

        void add(State other) {
            attempt(other.lastAttempt, other.lastAction, other.projectId);
            if (other.lastCreated != null && (lastCreated == null || other.lastCreated > lastCreated)) {
                lastCreated = other.lastCreated;
            }
        }
    }

    private final Map<Key, State> states = new HashMap<>();

    /** Folds a stored result in; results that are no attempt of a real run under a policy change nothing. */
    public void add(VolumeResultV1 result) {
        if (result.dryRun() || result.policy() == null || !ATTEMPTS.contains(result.action())) {
            return;
        }
        add(result.volume().id(), result.policy().policySetId(), result.policy().policyName(),
                result.tenant() == null ? null : result.tenant().projectId(), result.occurredAt(), result.action());
    }

    /** Folds in a stored attempt of a real run (one of {@link #ATTEMPTS}). */
    void add(String volumeId, UUID policySetId, String policyName, String projectId, Instant at, VolumeAction action) {
        if (policySetId == null || policyName == null) {
            return;
        }
        states.computeIfAbsent(new Key(volumeId, policySetId, policyName), k -> new State())
                .attempt(BinaryCopyData.epochMicros(at), action, projectId);
    }

    /** Folds another fold in (which stays as it is). */
    public void addAll(ComplianceStateFold other) {
        other.states.forEach((key, state) -> states.computeIfAbsent(key, k -> new State()).add(state));
    }

    /** How many (volume, policy) keys this fold changes. */
    public int size() {
        return states.size();
    }

    public boolean isEmpty() {
        return states.isEmpty();
    }

    /** Merges the fold into {@code volume_policy_state} on the caller's connection (the caller owns the transaction). */
    public void merge(Connection connection) throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        int n = states.size();
        String[] volumes = new String[n];
        String[] sets = new String[n];
        String[] names = new String[n];
        String[] projects = new String[n];
        Long[] created = new Long[n];
        Long[] attempted = new Long[n];
        String[] actions = new String[n];
        int i = 0;
        for (Map.Entry<Key, State> entry : states.entrySet()) {
            State state = entry.getValue();
            volumes[i] = entry.getKey().volumeId();
            sets[i] = entry.getKey().policySetId().toString();
            names[i] = entry.getKey().policyName();
            projects[i] = state.projectId;
            created[i] = state.lastCreated;
            attempted[i] = state.lastAttempt;
            actions[i] = state.lastAction.name();
            i++;
        }
        try (PreparedStatement merge = connection.prepareStatement(MERGE)) {
            Object[][] columns = {volumes, sets, names, projects, created, attempted, actions};
            for (int c = 0; c < columns.length; c++) {
                merge.setObject(c + 1, columns[c]);
            }
            merge.executeUpdate();
        }
    }
}
