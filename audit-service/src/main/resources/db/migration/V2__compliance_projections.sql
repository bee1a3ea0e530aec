-- Compliance inputs: the policies (from snapshot.policy-changed.v1), the volumes (from snapshot.volume-inventory.v1)
-- and, per volume and policy, the newest snapshot and the latest attempt (maintained by the results ingest, so that
-- compliance never scans the records table).

CREATE TABLE policy_set_projection (
    policy_set_id uuid        NOT NULL PRIMARY KEY,
    version       bigint      NOT NULL,
    deleted       boolean     NOT NULL,
    changed_at    timestamptz NOT NULL
);

CREATE TABLE policy_projection (
    policy_set_id   uuid        NOT NULL REFERENCES policy_set_projection ON DELETE CASCADE,
    policy_name     text        NOT NULL,
    policy_set_name text        NOT NULL,
    scope           text        NOT NULL,
    tenant_id       text,
    priority        integer     NOT NULL,
    set_active      boolean     NOT NULL,
    auto_apply      boolean     NOT NULL,
    cron            text        NOT NULL,
    time_zone       text        NOT NULL,
    enabled         boolean     NOT NULL,
    since           timestamptz NOT NULL,
    PRIMARY KEY (policy_set_id, policy_name)
);

CREATE TABLE volume_projection (
    volume_id     text        NOT NULL PRIMARY KEY,
    name          text,
    status        text        NOT NULL,
    size_gb       integer     NOT NULL,
    domain_id     text,
    domain_name   text,
    project_id    text        NOT NULL,
    project_name  text,
    server_id     text,
    server_name   text,
    metadata      jsonb       NOT NULL DEFAULT '{}',
    created_at    timestamptz,
    first_seen_at timestamptz NOT NULL,
    observed_at   timestamptz NOT NULL
);
CREATE INDEX volume_projection_project ON volume_projection (project_id, volume_id);

CREATE TABLE volume_policy_state (
    volume_id           text        NOT NULL,
    policy_set_id       uuid        NOT NULL,
    policy_name         text        NOT NULL,
    project_id          text,
    last_created_at     timestamptz,
    last_attempt_at     timestamptz,
    last_attempt_action text,
    PRIMARY KEY (volume_id, policy_set_id, policy_name)
);
