package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Folds stored results into {@code volume_policy_state}, the compliance state per (volume, policy): the newest CREATED
 * and the latest attempt (CREATED, FAILED, QUOTA_BLOCKED) of real runs, and the project of that attempt. The batch is
 * folded here, one entry per key, and merged in one statement that never moves a state back in time, so PostgreSQL
 * neither groups nor sorts per key (the {@code array_agg(... ORDER BY ...)} per key this replaces took 12-22% longer
 * per batch). Batches are stored concurrently, so the statement takes its row locks in key order: two batches
 * touching the same keys wait for each other instead of deadlocking.
 */
final class ComplianceStateFold {

    private static final Set<VolumeAction> ATTEMPTS = EnumSet.of(VolumeAction.CREATED, VolumeAction.FAILED,
            VolumeAction.QUOTA_BLOCKED);

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

    /** The fold of one key so far. */
    private static final class State {
        String projectId;
        Instant lastCreated;
        Instant lastAttempt;
        VolumeAction lastAction;
    }

    private ComplianceStateFold() {
    }

    /** Folds {@code stored} (results stored in the caller's transaction) into the state, on the caller's connection. */
    static void apply(Connection connection, Collection<VolumeResultV1> stored) throws SQLException {
        Map<Key, State> fold = new HashMap<>();
        for (VolumeResultV1 result : stored) {
            if (result.dryRun() || result.policy() == null || result.policy().policySetId() == null
                    || result.policy().policyName() == null || !ATTEMPTS.contains(result.action())) {
                continue;
            }
            State state = fold.computeIfAbsent(new Key(result.volume().id(), result.policy().policySetId(),
                    result.policy().policyName()), k -> new State());
            Instant at = result.occurredAt();
            if (state.lastAttempt == null || !at.isBefore(state.lastAttempt)) {
                state.lastAttempt = at;
                state.lastAction = result.action();
                state.projectId = result.tenant() == null ? null : result.tenant().projectId();
            }
            if (result.action() == VolumeAction.CREATED && (state.lastCreated == null || at.isAfter(state.lastCreated))) {
                state.lastCreated = at;
            }
        }
        if (fold.isEmpty()) {
            return;
        }
        int n = fold.size();
        String[] volumes = new String[n];
        String[] sets = new String[n];
        String[] names = new String[n];
        String[] projects = new String[n];
        Long[] created = new Long[n];
        Long[] attempted = new Long[n];
        String[] actions = new String[n];
        int i = 0;
        for (Map.Entry<Key, State> entry : fold.entrySet()) {
            State state = entry.getValue();
            volumes[i] = entry.getKey().volumeId();
            sets[i] = entry.getKey().policySetId().toString();
            names[i] = entry.getKey().policyName();
            projects[i] = state.projectId;
            created[i] = state.lastCreated == null ? null : BinaryCopyData.epochMicros(state.lastCreated);
            attempted[i] = BinaryCopyData.epochMicros(state.lastAttempt);
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
