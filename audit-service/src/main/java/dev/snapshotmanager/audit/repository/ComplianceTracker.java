package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps, per volume and policy, the newest snapshot created and the latest attempt (CREATED, FAILED, QUOTA_BLOCKED),
 * in the same transaction as the records. Idempotent: a redelivered result changes nothing (GREATEST).
 */
@ApplicationScoped
public class ComplianceTracker {

    private static final String UPSERT = "INSERT INTO volume_policy_state AS s (volume_id, policy_set_id, policy_name,"
            + " project_id, last_created_at, last_attempt_at, last_attempt_action)"
            + " SELECT * FROM unnest(?::text[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],"
            + " ?::text[])"
            + " ON CONFLICT (volume_id, policy_set_id, policy_name) DO UPDATE SET"
            + " project_id = coalesce(EXCLUDED.project_id, s.project_id),"
            + " last_created_at = GREATEST(s.last_created_at, EXCLUDED.last_created_at),"
            + " last_attempt_action = CASE WHEN s.last_attempt_at IS NULL OR EXCLUDED.last_attempt_at >= s.last_attempt_at"
            + " THEN EXCLUDED.last_attempt_action ELSE s.last_attempt_action END,"
            + " last_attempt_at = GREATEST(s.last_attempt_at, EXCLUDED.last_attempt_at)";

    private record State(String projectId, Instant lastCreated, Instant lastAttempt, String lastAction) {
    }

    public void track(Connection connection, List<VolumeResultV1> events) throws SQLException {
        Map<String, State> states = new TreeMap<>();
        Map<String, VolumeResultV1> keys = new TreeMap<>();
        for (VolumeResultV1 e : events) {
            if (e.dryRun() || e.policy() == null || e.policy().policySetId() == null || e.policy().policyName() == null
                    || !(e.action() == VolumeAction.CREATED || e.action() == VolumeAction.FAILED
                            || e.action() == VolumeAction.QUOTA_BLOCKED)) {
                continue;
            }
            String key = e.volume().id() + "|" + e.policy().policySetId() + "|" + e.policy().policyName();
            keys.putIfAbsent(key, e);
            State old = states.get(key);
            Instant created = e.action() == VolumeAction.CREATED ? e.occurredAt() : null;
            if (old != null) {
                created = max(old.lastCreated(), created);
            }
            boolean newer = old == null || !e.occurredAt().isBefore(old.lastAttempt());
            states.put(key, new State(e.tenant() == null ? null : e.tenant().projectId(), created,
                    newer ? e.occurredAt() : old.lastAttempt(), newer ? e.action().name() : old.lastAction()));
        }
        if (states.isEmpty()) {
            return;
        }
        List<Object[]> columns = List.of(new Object[states.size()], new Object[states.size()], new Object[states.size()],
                new Object[states.size()], new Object[states.size()], new Object[states.size()], new Object[states.size()]);
        int i = 0;
        for (Map.Entry<String, State> entry : states.entrySet()) {
            VolumeResultV1 e = keys.get(entry.getKey());
            State s = entry.getValue();
            columns.get(0)[i] = e.volume().id();
            columns.get(1)[i] = e.policy().policySetId().toString();
            columns.get(2)[i] = e.policy().policyName();
            columns.get(3)[i] = s.projectId();
            columns.get(4)[i] = s.lastCreated() == null ? null : s.lastCreated().toString();
            columns.get(5)[i] = s.lastAttempt().toString();
            columns.get(6)[i] = s.lastAction();
            i++;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (int c = 0; c < columns.size(); c++) {
                upsert.setArray(c + 1, connection.createArrayOf("text", columns.get(c)));
            }
            upsert.executeUpdate();
        }
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

}
