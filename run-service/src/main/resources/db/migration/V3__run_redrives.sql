-- Re-driving stale runs (snapshot.runs.stale-action=REDRIVE): how often a run was requested from the worker.
ALTER TABLE run ADD COLUMN attempt integer NOT NULL DEFAULT 1;  -- 1 = the first request; +1 per re-drive
