// The shapes of the gateway's API (see /openapi): policy-service, run-service, audit-service and /me.

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Me {
  name: string;
  roles: string[];
  tenants: string[] | null;
  allTenants: boolean;
}

export interface Retention {
  keepLast?: number | null;
  maxAge?: string | null;
}

export type MissedRunMode = 'SKIP' | 'RUN_ONCE';
export type PolicyScope = 'GLOBAL' | 'TENANT';

export interface Policy {
  name: string;
  description?: string | null;
  cron: string;
  timeZone: string;
  keepLast?: number | null;
  maxAge?: string | null;
  missedRunMode: MissedRunMode;
  enabled: boolean;
}

export interface PolicySet {
  id: string;
  name: string;
  description?: string | null;
  scope: PolicyScope;
  tenantId?: string | null;
  priority: number;
  active: boolean;
  autoApply: boolean;
  policies: Policy[];
  version: number;
  createdAt: string;
  createdBy?: string;
  updatedAt?: string;
  updatedBy?: string;
}

export interface PolicyTemplate {
  name: string;
  description: string;
  cron: string;
  timeZone: string;
  keepLast?: number | null;
  maxAge?: string | null;
  missedRunMode: MissedRunMode;
}

export interface FireTime {
  utc: string;
  local: string;
}

export interface SchedulePreview {
  cron: string;
  timeZone: string;
  fireTimes: FireTime[];
}

export type RunStatus =
  | 'REQUESTED'
  | 'PLANNING'
  | 'RUNNING'
  | 'COMPLETED'
  | 'PARTIAL'
  | 'FAILED'
  | 'CANCELLED'
  | 'SKIPPED'
  | 'MISSED';

export const RUN_STATUSES: RunStatus[] = [
  'REQUESTED', 'PLANNING', 'RUNNING', 'COMPLETED', 'PARTIAL', 'FAILED', 'CANCELLED', 'SKIPPED', 'MISSED',
];
export const TERMINAL: RunStatus[] = ['COMPLETED', 'PARTIAL', 'FAILED', 'CANCELLED', 'SKIPPED', 'MISSED'];

export type RunTrigger = 'SCHEDULED' | 'MANUAL' | 'API';

export interface PolicyRef {
  policySetId: string;
  policySetName?: string | null;
  policyName: string;
}

export interface RunScope {
  domainIds?: string[] | null;
  projectIds?: string[] | null;
  volumeIds?: string[] | null;
}

export interface RunCounters {
  totalVolumes: number;
  created: number;
  deleted: number;
  failed: number;
  skipped: number;
  quotaBlocked: number;
  batchesTotal: number;
  batchesCompleted: number;
}

export interface Run {
  id: string;
  status: RunStatus;
  trigger: RunTrigger;
  policy?: PolicyRef | null;
  slot: string;
  dryRun: boolean;
  scope?: RunScope | null;
  tenants?: string[] | null;
  counters?: RunCounters | null;
  progressPercent: number;
  eta?: string | null;
  statusReason?: string | null;
  errorSummary?: string | null;
  requestedBy?: string | null;
  reason?: string | null;
  requestedAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  durationMs?: number | null;
}

/** A run-lifecycle event as the SSE streams send it (RunLifecycleV1). */
export interface RunLifecycle {
  runId: string;
  event: string;
  status: RunStatus;
  policy?: PolicyRef | null;
  trigger: RunTrigger;
  dryRun: boolean;
  slot: string;
  counters?: RunCounters | null;
  progressPercent: number;
  eta?: string | null;
  requestedAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  durationMs?: number | null;
  reason?: string | null;
  occurredAt: string;
}

export type VolumeAction =
  | 'CREATED'
  | 'DELETED'
  | 'FAILED'
  | 'DELETE_FAILED'
  | 'SKIPPED'
  | 'QUOTA_BLOCKED'
  | 'WOULD_CREATE'
  | 'WOULD_DELETE';

export const VOLUME_ACTIONS: VolumeAction[] = [
  'CREATED', 'DELETED', 'FAILED', 'DELETE_FAILED', 'SKIPPED', 'QUOTA_BLOCKED', 'WOULD_CREATE', 'WOULD_DELETE',
];

export interface AuditRecord {
  id: string;
  runId?: string | null;
  occurredAt: string;
  receivedAt?: string;
  action: VolumeAction;
  reason?: string | null;
  error?: string | null;
  dryRun: boolean;
  slot?: string | null;
  durationMs?: number;
  snapshot?: { id: string; name?: string | null; status?: string | null } | null;
  volume: { id: string; name?: string | null; sizeGb: number; status?: string | null; volumeType?: string | null };
  tenant?: { domainId?: string | null; domainName?: string | null; projectId: string; projectName?: string | null } | null;
  server?: { id: string; name?: string | null } | null;
  policy?: PolicyRef | null;
  retention?: Retention | null;
}

export interface RecordPage extends Page<AuditRecord> {
  total?: number;
  totalCapped?: boolean;
}

export interface Statistics {
  from: string;
  to: string;
  total: number;
  byAction: Record<string, number>;
  byTenant: { projectId: string; projectName?: string; total: number; byAction: Record<string, number> }[];
  byPolicy: { policySetId: string; policySetName?: string; policyName: string; total: number; byAction: Record<string, number> }[];
}

export interface Timeline {
  bucket: string;
  from: string;
  to: string;
  points: { start: string; total: number; counts: Record<string, number> }[];
}

export type ComplianceStatus = 'COMPLIANT' | 'MISSING' | 'PENDING' | 'QUOTA_BLOCKED' | 'EXCLUDED' | 'UNCOVERED';
export const COMPLIANCE_STATUSES: ComplianceStatus[] = [
  'COMPLIANT', 'MISSING', 'PENDING', 'QUOTA_BLOCKED', 'EXCLUDED', 'UNCOVERED',
];

export interface ComplianceEntry {
  volumeId: string;
  volumeName?: string | null;
  projectId: string;
  projectName?: string | null;
  domainName?: string | null;
  serverName?: string | null;
  policySetId?: string | null;
  policySetName?: string | null;
  policyName?: string | null;
  status: ComplianceStatus;
  source?: string | null;
  intervalSeconds?: number | null;
  lastSnapshotAt?: string | null;
  lastAttemptAt?: string | null;
  lastAttemptAction?: string | null;
  /** policy-service's explanation of the resolution (e.g. the exclusion's reason); null when inferred */
  reason?: string | null;
  /** when the exclusion that decided ends */
  excludedUntil?: string | null;
  /** when policy-service resolved the volume; null when audit-service inferred the expected policies */
  resolvedAt?: string | null;
}

export interface ComplianceGroup {
  projectId?: string | null;
  projectName?: string | null;
  policySetId?: string | null;
  policyName?: string | null;
  total: number;
  byStatus: Record<string, number>;
}

/** Distinct volumes among the evaluated entries. */
export interface VolumeCoverage {
  total: number;
  /** at least one policy that is not excluded */
  protected: number;
  /** every policy entry EXCLUDED */
  excluded: number;
  /** no policy at all */
  uncovered: number;
}

export interface ComplianceSummary {
  total: number;
  byStatus: Record<string, number>;
  byTenant: ComplianceGroup[];
  byPolicy: ComplianceGroup[];
  /** absent from an audit-service older than the volume counts */
  volumes?: VolumeCoverage | null;
}

export type DecidingStep =
  | 'EXCLUSION'
  | 'ASSIGNMENT'
  | 'METADATA'
  | 'RULE'
  | 'TENANT_SET'
  | 'GLOBAL_SET'
  | 'UNCOVERED';

export interface EffectivePolicy {
  policySetId: string;
  policySetName?: string;
  policyName: string;
  cron: string;
  timeZone: string;
  missedRunMode?: MissedRunMode;
  retention?: Retention | null;
  retentionSource?: 'ASSIGNMENT' | 'METADATA' | 'POLICY';
}

export interface Resolution {
  volumeId: string;
  decidedBy: DecidingStep;
  reason?: string;
  exclusionId?: string;
  assignmentId?: string;
  ruleId?: string;
  ruleName?: string;
  policySetId?: string;
  policySetName?: string;
  policies: EffectivePolicy[];
  warnings?: string[];
}

export interface Volume {
  id: string;
  name?: string | null;
  status?: string | null;
  sizeGb: number;
  volumeType?: string | null;
  bootable: boolean;
  metadata?: Record<string, string>;
  domainId?: string | null;
  domainName?: string | null;
  projectId: string;
  projectName?: string | null;
  serverId?: string | null;
  serverName?: string | null;
  observedAt?: string;
  isProtected: boolean;
  resolution: Resolution;
}

export interface Assignment {
  id: string;
  volumeId: string;
  volumeName?: string | null;
  domainId?: string | null;
  domainName?: string | null;
  projectId: string;
  projectName?: string | null;
  serverId?: string | null;
  serverName?: string | null;
  policySetId?: string | null;
  policyNames?: string[] | null;
  retentionOverrides?: Record<string, Retention> | null;
  autoSnapshot: boolean;
  source: 'MANUAL' | 'API' | 'BULK';
  version: number;
  createdAt: string;
  createdBy?: string;
  updatedAt?: string;
  updatedBy?: string;
}

export interface Exclusion {
  id: string;
  volumeId: string;
  volumeName?: string | null;
  domainId?: string | null;
  domainName?: string | null;
  projectId: string;
  projectName?: string | null;
  serverId?: string | null;
  serverName?: string | null;
  reason: string;
  expiresAt?: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  createdBy?: string;
}

export interface RuleMatch {
  domainName?: string[];
  projectName?: string[];
  volumeNamePrefix?: string[];
  volumeNameContains?: string[];
  bootable?: boolean;
  minSizeGb?: number;
  maxSizeGb?: number;
  volumeType?: string[];
  metadataEquals?: Record<string, string[]>;
  metadataContains?: Record<string, string[]>;
}

export interface Rule {
  id: string;
  name: string;
  description?: string | null;
  tenantId?: string | null;
  priority: number;
  enabled: boolean;
  match?: RuleMatch | null;
  policySetId?: string | null;
  autoSnapshot: boolean;
  version: number;
  createdAt: string;
}

export interface RuleTest {
  decidingRuleId?: string | null;
  decidingRuleName?: string | null;
  matchingRuleIds: string[];
}
