-- Pruning run_volume_outcome (snapshot.runs.outcome-retention): the volume outcomes of a run that finished longer ago
-- than the retention are deleted in chunks (VolumeOutcomePruner). KEPT: kept; PRUNING: being deleted; PRUNED: gone.
-- From PRUNING on, a late create outcome of the run is ignored: without the volume's stored outcome it could not be
-- told from the volume's first, and counting it would count the volume twice.
ALTER TABLE run ADD COLUMN volume_outcomes varchar(8) NOT NULL DEFAULT 'KEPT'
    CONSTRAINT run_volume_outcomes_check CHECK (volume_outcomes IN ('KEPT','PRUNING','PRUNED'));
-- The runs whose outcomes are still to be pruned, by end: active, recently finished and PRUNING runs, not every run
-- ever (once pruned, a run leaves the index).
CREATE INDEX run_volume_outcomes_to_prune ON run (volume_outcomes, finished_at) WHERE volume_outcomes <> 'PRUNED';
