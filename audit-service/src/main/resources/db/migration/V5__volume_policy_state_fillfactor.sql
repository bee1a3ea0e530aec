-- volume_policy_state is updated in place by every stored batch (one row per volume and policy, rewritten at each
-- run). With room left in each page, an update writes the new row version beside the old one (a HOT update: no new
-- index entry, and the old version is pruned on the page), instead of moving it to another page and indexing it again.
ALTER TABLE volume_policy_state SET (fillfactor = 50);
