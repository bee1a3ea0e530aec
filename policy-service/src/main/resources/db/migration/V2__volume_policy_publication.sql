-- What policy-service last published on snapshot.volume-policies.v1, per inventory volume (VolumePoliciesPublisher).
-- A pass publishes a volume only when the digest of its resolution changed; a volume left without an inventory row
-- gets removed=true and loses its row.
CREATE TABLE volume_policy_publication (
    volume_id    text        PRIMARY KEY,
    project_id   text        NOT NULL,
    -- SHA-256 (hex) of the published content without resolvedAt and the policies' since
    digest       text        NOT NULL,
    -- "<policySetId>/<policyName>" -> since when that policy has been published without a break (ISO-8601)
    since        jsonb       NOT NULL DEFAULT '{}',
    published_at timestamptz NOT NULL
);
