-- Worker heartbeats (RunHeartbeatV1): the latest one seen per run. A run is alive while either its last planning or
-- result (last_activity_at) or its last heartbeat is recent; stale-run detection looks at the later of the two.

ALTER TABLE run ADD COLUMN last_heartbeat_at     timestamptz;  -- only ever moves forward (duplicates are harmless)
ALTER TABLE run ADD COLUMN last_heartbeat_worker text;         -- the instance that sent that heartbeat

-- Stale-run detection: active runs by their last sign of life (GREATEST ignores NULL heartbeats).
DROP INDEX run_active_activity;
CREATE INDEX run_active_last_sign_of_life ON run ((GREATEST(last_activity_at, last_heartbeat_at)))
    WHERE status IN ('REQUESTED','PLANNING','RUNNING');
