-- policy-service schema (Flyway owns it; Hibernate only validates).

-- Policy sets: a scope (GLOBAL or one tenant = OpenStack project), a priority and the policies they group.
CREATE TABLE policy_set (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    scope       text        NOT NULL CHECK (scope IN ('GLOBAL', 'TENANT')),
    tenant_id   text,
    priority    integer     NOT NULL CHECK (priority BETWEEN 0 AND 1000),
    active      boolean     NOT NULL DEFAULT true,
    auto_apply  boolean     NOT NULL DEFAULT false,
    version     bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    CONSTRAINT policy_set_tenant_iff_scope CHECK ((scope = 'TENANT') = (tenant_id IS NOT NULL))
);
-- Names are unique per scope: among globals, and per tenant.
CREATE UNIQUE INDEX policy_set_global_name ON policy_set (name) WHERE scope = 'GLOBAL';
CREATE UNIQUE INDEX policy_set_tenant_name ON policy_set (tenant_id, name) WHERE scope = 'TENANT';
CREATE INDEX policy_set_list ON policy_set (name, id);
CREATE INDEX policy_set_scope_tenant ON policy_set (scope, tenant_id);
CREATE INDEX policy_set_auto_apply ON policy_set (tenant_id, priority DESC) WHERE active AND auto_apply;

-- Policies: a schedule (5-field cron in an IANA zone) plus a retention, named uniquely within their set.
CREATE TABLE policy (
    id              uuid    PRIMARY KEY,
    policy_set_id   uuid    NOT NULL REFERENCES policy_set (id) ON DELETE CASCADE,
    position        integer NOT NULL,
    name            text    NOT NULL,
    description     text,
    cron            text    NOT NULL,
    time_zone       text    NOT NULL,
    keep_last       integer CHECK (keep_last BETWEEN 1 AND 1000),
    max_age         text,
    missed_run_mode text    NOT NULL CHECK (missed_run_mode IN ('SKIP', 'RUN_ONCE')),
    enabled         boolean NOT NULL DEFAULT true,
    CONSTRAINT policy_name_per_set UNIQUE (policy_set_id, name),
    CONSTRAINT policy_has_retention CHECK (keep_last IS NOT NULL OR max_age IS NOT NULL)
);

-- Explicit assignments: one per volume.
CREATE TABLE assignment (
    id                  uuid        PRIMARY KEY,
    volume_id           text        NOT NULL,
    volume_name         text,
    domain_id           text,
    domain_name         text,
    project_id          text        NOT NULL,
    project_name        text,
    server_id           text,
    server_name         text,
    policy_set_id       uuid        REFERENCES policy_set (id),
    policy_names        jsonb       NOT NULL DEFAULT '[]',
    retention_overrides jsonb       NOT NULL DEFAULT '{}',
    auto_snapshot       boolean     NOT NULL DEFAULT true,
    source              text        NOT NULL CHECK (source IN ('MANUAL', 'API', 'BULK')),
    version             bigint      NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL,
    created_by          text        NOT NULL,
    updated_at          timestamptz NOT NULL,
    updated_by          text        NOT NULL,
    CONSTRAINT assignment_one_per_volume UNIQUE (volume_id)
);
CREATE INDEX assignment_project ON assignment (project_id, volume_id);
CREATE INDEX assignment_domain ON assignment (domain_id);
CREATE INDEX assignment_server ON assignment (server_id);
CREATE INDEX assignment_policy_set ON assignment (policy_set_id);
CREATE INDEX assignment_source ON assignment (source);
CREATE INDEX assignment_auto_snapshot ON assignment (auto_snapshot);

-- Assignment rules: first match by priority decides. tenant_id NULL = a GLOBAL rule.
CREATE TABLE assignment_rule (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL,
    description   text,
    tenant_id     text,
    priority      integer     NOT NULL CHECK (priority BETWEEN 0 AND 1000),
    enabled       boolean     NOT NULL DEFAULT true,
    match         jsonb       NOT NULL DEFAULT '{}',
    policy_set_id uuid        REFERENCES policy_set (id),
    auto_snapshot boolean     NOT NULL DEFAULT true,
    version       bigint      NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL,
    updated_at    timestamptz NOT NULL,
    updated_by    text        NOT NULL
);
CREATE UNIQUE INDEX assignment_rule_global_name ON assignment_rule (name) WHERE tenant_id IS NULL;
CREATE UNIQUE INDEX assignment_rule_tenant_name ON assignment_rule (tenant_id, name) WHERE tenant_id IS NOT NULL;
CREATE INDEX assignment_rule_order ON assignment_rule (priority DESC, created_at, id);
CREATE INDEX assignment_rule_tenant ON assignment_rule (tenant_id);
CREATE INDEX assignment_rule_policy_set ON assignment_rule (policy_set_id);

-- Exclusions: one per volume; an expired exclusion no longer applies.
CREATE TABLE exclusion (
    id           uuid        PRIMARY KEY,
    volume_id    text        NOT NULL,
    volume_name  text,
    domain_id    text,
    domain_name  text,
    project_id   text        NOT NULL,
    project_name text,
    server_id    text,
    server_name  text,
    reason       text        NOT NULL,
    expires_at   timestamptz,
    version      bigint      NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL,
    CONSTRAINT exclusion_one_per_volume UNIQUE (volume_id)
);
CREATE INDEX exclusion_project ON exclusion (project_id, volume_id);
CREATE INDEX exclusion_expires ON exclusion (expires_at);

-- The volume inventory projection (VolumeInventoryV1, compacted topic; a tombstone removes the row).
CREATE TABLE inventory_volume (
    volume_id          text        PRIMARY KEY,
    name               text,
    status             text        NOT NULL,
    size_gb            integer     NOT NULL,
    volume_type        text,
    bootable           boolean     NOT NULL,
    metadata           jsonb       NOT NULL DEFAULT '{}',
    domain_id          text,
    domain_name        text,
    project_id         text        NOT NULL,
    project_name       text,
    server_id          text,
    server_name        text,
    attached_server_ids jsonb      NOT NULL DEFAULT '[]',
    created_at         timestamptz,
    observed_at        timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX inventory_volume_project ON inventory_volume (project_id, volume_id);
CREATE INDEX inventory_volume_server ON inventory_volume (server_id);
CREATE INDEX inventory_volume_status ON inventory_volume (status);
CREATE INDEX inventory_volume_name ON inventory_volume (lower(name));
