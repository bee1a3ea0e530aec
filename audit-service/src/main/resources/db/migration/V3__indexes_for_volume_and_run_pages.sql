-- Indexes matched to the pages people ask for, each ending in the keyset order (occurred_at, seq) so that a page is
-- an index range read in order (no sort of everything that matches). See README "Indexes" for what each one costs
-- ingest (measured by the ingest benchmark next to a raw COPY into the same indexes).
--  * one volume's history (volumeId filter, the auditor's "what happened to this volume"): without it, a volume's
--    page read the time index backwards and filtered, i.e. most of the table for a quiet volume;
--  * one run's records, in time order: (run_id) alone fetched every record of the run and sorted them per page.
DROP INDEX snapshot_record_run;
CREATE INDEX snapshot_record_run_time ON snapshot_record (run_id, occurred_at, seq);
CREATE INDEX snapshot_record_volume_time ON snapshot_record (volume_id, occurred_at, seq);
