-- A month's partition is created as a plain table shaped like snapshot_record (columns, defaults, CHECK constraints,
-- indexes) and then ATTACHed: ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on the parent, which readers, exports
-- and inserts do not conflict with, where CREATE TABLE ... PARTITION OF took ACCESS EXCLUSIVE and queued behind a
-- long export, and every later query on the records behind it. The caller bounds the wait with lock_timeout
-- (RecordPartitions). The table is new and empty, so ATTACH's check of its rows is instant; its indexes become the
-- partitions of the parent's indexes.
CREATE OR REPLACE FUNCTION ensure_record_partition(p_month date) RETURNS boolean
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
    EXECUTE format('CREATE TABLE %I (LIKE snapshot_record INCLUDING ALL)', part_name);
    EXECUTE format('ALTER TABLE snapshot_record ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   part_name, month_start::text || ' 00:00:00+00',
                   (month_start + interval '1 month')::date::text || ' 00:00:00+00');
    RETURN true;
END
$$;
