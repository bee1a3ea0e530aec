-- run-service schema `run`: runs and the policy schedule projection (Flyway owns it; Hibernate validates).

CREATE TABLE run (
    id                  uuid         PRIMARY KEY,
    status              varchar(16)  NOT NULL,
    trigger             varchar(16)  NOT NULL,
    policy_set_id       uuid         NOT NULL,
    policy_set_name     text,
    policy_name         text         NOT NULL,
    slot                timestamptz  NOT NULL,
    dry_run             boolean      NOT NULL,
    scope               text,                    -- RunScope as JSON, NULL = unrestricted
    all_tenants         boolean      NOT NULL,   -- true when the run may touch every tenant
    planned             boolean      NOT NULL DEFAULT false,
    total_volumes       integer      NOT NULL DEFAULT 0,
    to_create           integer      NOT NULL DEFAULT 0,
    volumes_done        integer      NOT NULL DEFAULT 0,  -- volumes with a final create outcome
    created             integer      NOT NULL DEFAULT 0,
    deleted             integer      NOT NULL DEFAULT 0,
    failed              integer      NOT NULL DEFAULT 0,
    create_failed       integer      NOT NULL DEFAULT 0,
    skipped             integer      NOT NULL DEFAULT 0,
    quota_blocked       integer      NOT NULL DEFAULT 0,
    batches_total       integer      NOT NULL DEFAULT 0,
    batches_completed   integer      NOT NULL DEFAULT 0,
    requested_by        text,
    request_reason      text,
    status_reason       text,                    -- why FAILED, SKIPPED, CANCELLED or MISSED
    error_summary       text,                    -- the last volume errors, newest first
    requested_at        timestamptz  NOT NULL,
    started_at          timestamptz,
    finished_at         timestamptz,
    last_activity_at    timestamptz  NOT NULL,   -- last planning/result seen: stale-run detection
    last_progress_event_at timestamptz,          -- throttles PROGRESS lifecycle events
    version             bigint       NOT NULL DEFAULT 0,
    CONSTRAINT run_status_check CHECK (status IN
        ('REQUESTED','PLANNING','RUNNING','COMPLETED','PARTIAL','FAILED','CANCELLED','SKIPPED','MISSED')),
    CONSTRAINT run_trigger_check CHECK (trigger IN ('SCHEDULED','MANUAL','API'))
);

-- Exactly one run (or MISSED record) per policy and scheduled slot, whatever the number of scheduler replicas.
CREATE UNIQUE INDEX run_scheduled_slot_unique ON run (policy_set_id, policy_name, slot) WHERE trigger = 'SCHEDULED';
-- Only one active run per policy.
CREATE UNIQUE INDEX run_one_active_per_policy ON run (policy_set_id, policy_name)
    WHERE status IN ('REQUESTED','PLANNING','RUNNING');
-- List filters and keyset pagination (newest first).
CREATE INDEX run_requested_at ON run (requested_at DESC, id DESC);
CREATE INDEX run_policy_requested_at ON run (policy_set_id, policy_name, requested_at DESC);
CREATE INDEX run_status_requested_at ON run (status, requested_at DESC);
CREATE INDEX run_active_activity ON run (last_activity_at) WHERE status IN ('REQUESTED','PLANNING','RUNNING');

-- The tenants (OpenStack project ids) a run touches, unless all_tenants: tenant-scoped callers see these runs.
CREATE TABLE run_tenant (
    run_id    uuid NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    tenant_id text NOT NULL,
    PRIMARY KEY (run_id, tenant_id)
);
CREATE INDEX run_tenant_tenant ON run_tenant (tenant_id, run_id);

-- The schedule projection, kept from PolicyChangedV1 events: one row per policy of a known set.
CREATE TABLE policy_schedule (
    policy_set_id    uuid         NOT NULL,
    policy_name      text         NOT NULL,
    policy_set_name  text         NOT NULL,
    set_scope        varchar(8)   NOT NULL,
    tenant_id        text,
    set_active       boolean      NOT NULL,
    enabled          boolean      NOT NULL,
    cron             text         NOT NULL,
    time_zone        text         NOT NULL,
    missed_run_mode  varchar(16)  NOT NULL,
    next_slot        timestamptz,              -- the first slot not yet handled; NULL = does not fire
    schedule_error   text,                     -- why an invalid cron or zone does not fire
    updated_at       timestamptz  NOT NULL,
    PRIMARY KEY (policy_set_id, policy_name)
);
CREATE INDEX policy_schedule_due ON policy_schedule (next_slot) WHERE next_slot IS NOT NULL;

-- The latest version seen per policy set: older (redelivered, out-of-order) PolicyChangedV1 events are ignored.
CREATE TABLE policy_set_version (
    policy_set_id uuid    PRIMARY KEY,
    version       bigint  NOT NULL,
    deleted       boolean NOT NULL
);
