-- Each volume's policies as policy-service resolves them (snapshot.volume-policies.v1, compacted, key volumeId):
-- the step that decided, the resolver's reason, the end of a deciding exclusion, and the policies that apply, each
-- with its cron, zone and since when it applies. Compliance takes a volume's expected policies from here when the
-- volume has a row, and infers them (records, metadata, auto-apply sets) only when it has none. One row per volume;
-- an event older (resolved_at) than the row is ignored; removed=true or a tombstone deletes the row.

CREATE TABLE volume_resolution (
    volume_id      text        NOT NULL PRIMARY KEY,
    project_id     text        NOT NULL,
    decided_by     text        NOT NULL,
    reason         text,
    excluded_until timestamptz,
    -- [{policySetId, policySetName, policyName, cron, timeZone, since}], as the event carries them
    policies       jsonb       NOT NULL DEFAULT '[]',
    resolved_at    timestamptz NOT NULL
);
