-- audit-service schema: one row per volume action (VolumeResultV1), stored exactly once.
--
-- Exactly once on a partitioned table. PostgreSQL enforces a UNIQUE constraint of a partitioned table only when
-- it contains the partition key, i.e. (event_id, occurred_at) here. That would be enough only if occurred_at were
-- a deterministic function of the event id, and it is not: the event id is derived from run|volume|action|snapshot,
-- while occurred_at is the time the worker finished the action, so a worker that repeats an action after a crash
-- publishes the SAME event id with a LATER occurred_at; a unique (event_id, occurred_at) would store it twice, and
-- when the two times fall in different months even in two partitions. Hence the uniqueness lives in a small,
-- unpartitioned key table keyed by event id alone: the batch insert claims the ids there (ON CONFLICT DO NOTHING)
-- and inserts into the partitioned table only the rows whose id it could claim, in one statement.
CREATE TABLE record_key (
    event_id    text        NOT NULL PRIMARY KEY,
    occurred_at timestamptz NOT NULL
);

-- Tie-breaker of the keyset order (occurred_at, seq): 8 bytes instead of a 36-character event id in every index.
CREATE SEQUENCE snapshot_record_seq AS bigint CACHE 100;

CREATE TABLE snapshot_record (
    seq                 bigint      NOT NULL DEFAULT nextval('snapshot_record_seq'),
    event_id            text        NOT NULL,
    occurred_at         timestamptz NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now(),
    run_id              uuid        NOT NULL,
    action              text        NOT NULL CHECK (action IN ('CREATED', 'DELETED', 'FAILED', 'DELETE_FAILED',
                                         'SKIPPED', 'QUOTA_BLOCKED', 'WOULD_CREATE', 'WOULD_DELETE')),
    reason              text,
    error               text,
    dry_run             boolean     NOT NULL,
    slot                timestamptz NOT NULL,
    duration_ms         bigint      NOT NULL,
    snapshot_id         text,
    snapshot_name       text,
    snapshot_status     text,
    volume_id           text        NOT NULL,
    volume_name         text,
    volume_size_gb      integer     NOT NULL,
    volume_status       text,
    volume_type         text,
    volume_bootable     boolean     NOT NULL,
    domain_id           text,
    domain_name         text,
    project_id          text,
    project_name        text,
    server_id           text,
    server_name         text,
    policy_set_id       uuid,
    policy_set_name     text,
    policy_name         text,
    retention_keep_last integer,
    retention_max_age   text
) PARTITION BY RANGE (occurred_at);

-- The few indexes the queries need (each one costs ingest; see README "Indexes"):
--  * tenant pages, tenant statistics/exports: equality on the project, range + order on time;
--  * unfiltered (admin) pages, deep keyset pages, lookups by id (occurred_at from record_key): time order;
--  * the records of one run.
CREATE INDEX snapshot_record_project_time ON snapshot_record (project_id, occurred_at, seq);
CREATE INDEX snapshot_record_time ON snapshot_record (occurred_at, seq);
CREATE INDEX snapshot_record_run ON snapshot_record (run_id);

-- Creates the monthly partition holding p_month (UTC month) unless it exists; true when it created it.
-- Safe with several replicas: creators serialize on an advisory lock and re-check.
CREATE FUNCTION ensure_record_partition(p_month date) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
DECLARE
    month_start date := date_trunc('month', p_month)::date;
    part_name   text := format('snapshot_record_%s', to_char(month_start, 'YYYY_MM'));
BEGIN
    IF to_regclass(part_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('audit.snapshot_record.partitions'));
    IF to_regclass(part_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF snapshot_record FOR VALUES FROM (%L) TO (%L)',
                   part_name, month_start::text || ' 00:00:00+00',
                   (month_start + interval '1 month')::date::text || ' 00:00:00+00');
    RETURN true;
END
$$;

-- The current month, the previous one and three ahead; the maintenance job keeps creating months ahead.
SELECT ensure_record_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => m))::date)
FROM generate_series(-1, 3) AS m;
