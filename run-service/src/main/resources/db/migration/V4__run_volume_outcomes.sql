-- Each volume's latest create outcome per run (CREATED/WOULD_CREATE, FAILED, SKIPPED, QUOTA_BLOCKED). The worker may
-- report two different outcomes for one volume (FAILED as STUCK_CREATING, then CREATED after a crash and redelivery;
-- FAILED, then a successful retry): the run's counters hold only the latest (by occurred_at) and count the volume once
-- toward volumes_done. Retention results (DELETED, DELETE_FAILED) are not kept here.
CREATE TABLE run_volume_outcome (
    run_id      uuid         NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    volume_id   text         NOT NULL,
    action      varchar(16)  NOT NULL,
    occurred_at timestamptz  NOT NULL,   -- the worker's occurredAt of that outcome (microseconds)
    PRIMARY KEY (run_id, volume_id)
);
