import type { AuditRecord, PolicySet, Run, RunLifecycle } from '../api/types';

export const SET_ID = '11111111-2222-3333-4444-555555555555';
export const RUN_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

export function aRun(overrides: Partial<Run> = {}): Run {
  return {
    id: RUN_ID,
    status: 'RUNNING',
    trigger: 'MANUAL',
    policy: { policySetId: SET_ID, policySetName: 'standard', policyName: 'daily_5' },
    slot: '2026-11-29T02:00:00Z',
    dryRun: false,
    scope: null,
    tenants: null,
    counters: { totalVolumes: 10, created: 2, deleted: 0, failed: 0, skipped: 0, quotaBlocked: 0, batchesTotal: 2, batchesCompleted: 0 },
    progressPercent: 20,
    eta: null,
    requestedBy: 'admin',
    requestedAt: '2026-11-29T02:00:00Z',
    startedAt: '2026-11-29T02:00:01Z',
    ...overrides,
  };
}

export function anEvent(overrides: Partial<RunLifecycle> = {}): RunLifecycle {
  return {
    runId: RUN_ID,
    event: 'PROGRESS',
    status: 'RUNNING',
    policy: { policySetId: SET_ID, policySetName: 'standard', policyName: 'daily_5' },
    trigger: 'MANUAL',
    dryRun: false,
    slot: '2026-11-29T02:00:00Z',
    counters: { totalVolumes: 10, created: 5, deleted: 1, failed: 1, skipped: 0, quotaBlocked: 0, batchesTotal: 2, batchesCompleted: 1 },
    progressPercent: 60,
    eta: '2026-11-29T02:05:00Z',
    requestedAt: '2026-11-29T02:00:00Z',
    occurredAt: '2026-11-29T02:01:00Z',
    ...overrides,
  };
}

export function aRecord(n: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: `evt-${n}`,
    runId: RUN_ID,
    occurredAt: `2026-11-29T02:${String(n % 60).padStart(2, '0')}:00Z`,
    action: 'CREATED',
    dryRun: false,
    volume: { id: `vol-${n}`, name: `volume-${n}`, sizeGb: 10 },
    tenant: { projectId: 'demo-project-1', projectName: 'demo-project-1', domainName: 'Default' },
    policy: { policySetId: SET_ID, policySetName: 'standard', policyName: 'daily_5' },
    snapshot: { id: `snap-${n}`, name: `auto-snap-${n}`, status: 'available' },
    retention: { keepLast: 5 },
    ...overrides,
  };
}

export function aSet(overrides: Partial<PolicySet> = {}): PolicySet {
  return {
    id: SET_ID,
    name: 'standard',
    description: 'the default',
    scope: 'GLOBAL',
    tenantId: null,
    priority: 100,
    active: true,
    autoApply: true,
    policies: [
      { name: 'daily_5', cron: '0 2 * * *', timeZone: 'UTC', keepLast: 5, maxAge: null, missedRunMode: 'RUN_ONCE', enabled: true },
      { name: 'monthly', cron: '0 3 1 * *', timeZone: 'Europe/Paris', keepLast: null, maxAge: 'P90D', missedRunMode: 'SKIP', enabled: true },
    ],
    version: 3,
    createdAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}
