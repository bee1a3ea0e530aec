import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useAbilities } from '../api/me';
import type { Page, PolicySet, Rule, RuleMatch, RuleTest, Volume } from '../api/types';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { FilterForm, useUrlFilters, type FilterField } from '../components/FilterForm';
import { Pager, useKeyset } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSetNames } from '../components/useSetNames';

const FIELDS: FilterField[] = [
  { name: 'tenantId', label: 'Tenant (project id)' },
  { name: 'global', label: 'Scope', type: 'select', options: [['', 'any'], ['true', 'global'], ['false', 'tenant']] },
];
const LIST_KEYS = ['domainName', 'projectName', 'volumeNamePrefix', 'volumeNameContains', 'volumeType'] as const;
const LIST_LABELS: Record<(typeof LIST_KEYS)[number], string> = {
  domainName: 'Domain name is', projectName: 'Project name is', volumeNamePrefix: 'Volume name starts with',
  volumeNameContains: 'Volume name contains', volumeType: 'Volume type is',
};

export function matchInWords(m?: RuleMatch | null): string {
  if (!m) return 'every volume';
  const parts: string[] = [];
  for (const k of LIST_KEYS) if (m[k]?.length) parts.push(`${LIST_LABELS[k].toLowerCase()} ${m[k]!.join(' or ')}`);
  if (m.bootable !== undefined && m.bootable !== null) parts.push(m.bootable ? 'bootable' : 'not bootable');
  if (m.minSizeGb != null) parts.push(`≥ ${m.minSizeGb} GB`);
  if (m.maxSizeGb != null) parts.push(`≤ ${m.maxSizeGb} GB`);
  for (const [k, v] of Object.entries(m.metadataEquals ?? {})) parts.push(`metadata ${k} = ${v.join(' or ')}`);
  for (const [k, v] of Object.entries(m.metadataContains ?? {})) parts.push(`metadata ${k} contains ${v.join(' or ')}`);
  return parts.length ? parts.join('; ') : 'every volume';
}

const split = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
function metadata(text: string): Record<string, string[]> | undefined {
  const entries = text.split(/\n|;/).map((l) => l.trim()).filter(Boolean).map((l) => {
    const [k, ...rest] = l.split('=');
    return [k.trim(), split(rest.join('='))] as const;
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function RuleForm({ rule, onClose }: { rule?: Rule; onClose: () => void }) {
  const client = useQueryClient();
  const { ownTenants } = useAbilities();
  const sets = useQuery({ queryKey: ['policy-sets', 'all'], queryFn: () => api<Page<PolicySet>>('/policy-sets', { query: { limit: 200 } }) });
  const m = rule?.match ?? {};
  const [f, setF] = useState({
    name: rule?.name ?? '', description: rule?.description ?? '', tenantId: rule?.tenantId ?? ownTenants?.[0] ?? '', priority: String(rule?.priority ?? 100),
    enabled: rule?.enabled ?? true, policySetId: rule?.policySetId ?? '', autoSnapshot: rule?.autoSnapshot ?? true,
    ...Object.fromEntries(LIST_KEYS.map((k) => [k, (m[k] ?? []).join(', ')])),
    bootable: m.bootable === undefined || m.bootable === null ? '' : String(m.bootable),
    minSizeGb: m.minSizeGb != null ? String(m.minSizeGb) : '', maxSizeGb: m.maxSizeGb != null ? String(m.maxSizeGb) : '',
    metadataEquals: Object.entries(m.metadataEquals ?? {}).map(([k, v]) => `${k}=${v.join(',')}`).join('\n'),
  } as Record<string, string | boolean>);
  const str = (k: string) => String(f[k] ?? '');
  const save = useMutation({
    mutationFn: () => {
      const match: RuleMatch = {};
      for (const k of LIST_KEYS) if (split(str(k)).length) match[k] = split(str(k));
      if (str('bootable')) match.bootable = str('bootable') === 'true';
      if (str('minSizeGb')) match.minSizeGb = Number(str('minSizeGb'));
      if (str('maxSizeGb')) match.maxSizeGb = Number(str('maxSizeGb'));
      const md = metadata(str('metadataEquals'));
      if (md) match.metadataEquals = md;
      const body = {
        name: str('name'), description: str('description') || null, priority: Number(str('priority')), enabled: Boolean(f.enabled),
        match, policySetId: f.autoSnapshot ? str('policySetId') || null : null, autoSnapshot: Boolean(f.autoSnapshot),
        ...(rule ? {} : { tenantId: str('tenantId') || null }),
      };
      return rule
        ? api<Rule>(`/rules/${rule.id}`, { method: 'PATCH', body, headers: { 'If-Match': `"${rule.version}"` } })
        : api<Rule>('/rules', { method: 'POST', body });
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['rules'] });
      onClose();
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const text = (k: string, label: string, hint?: string) => (
    <Field key={k} label={label} hint={hint} error={err?.fieldError(k) ?? err?.fieldError(`match.${k}`)}>
      {(p) => <input {...p} value={str(k)} onChange={(e) => setF({ ...f, [k]: e.target.value })} />}
    </Field>
  );
  return (
    <Dialog title={rule ? `Edit rule ${rule.name}` : 'New rule'} onClose={onClose} testId="rule-form">
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <div className="form-grid">
          {text('name', 'Name')}
          {text('priority', 'Priority', '0–1000; higher is tried first')}
          {!rule && ownTenants === null && text('tenantId', 'Tenant (project id)', 'empty: a global rule')}
          {!rule && ownTenants !== null && (
            // a tenant-limited admin: rules of its own tenants only (a global one is refused with 403)
            <Field label="Tenant (project id)" error={err?.fieldError('tenantId')}>
              {(p) => (
                <select {...p} value={str('tenantId')} onChange={(e) => setF({ ...f, tenantId: e.target.value })}>
                  {ownTenants.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
              )}
            </Field>
          )}
        </div>
        {text('description', 'Description')}
        <h3>Matches volumes where (all given)</h3>
        <div className="form-grid">
          {LIST_KEYS.map((k) => text(k, LIST_LABELS[k], 'one value or a comma list'))}
          <Field label="Bootable" error={err?.fieldError('match.bootable')}>
            {(p) => (
              <select {...p} value={str('bootable')} onChange={(e) => setF({ ...f, bootable: e.target.value })}>
                <option value="">any</option><option value="true">bootable</option><option value="false">not bootable</option>
              </select>
            )}
          </Field>
          {text('minSizeGb', 'Min size (GB)')}
          {text('maxSizeGb', 'Max size (GB)')}
        </div>
        <Field label="Metadata equals (key=value, one per line)" error={err?.fieldError('match.metadataEquals')}>
          {(p) => <textarea {...p} rows={2} value={str('metadataEquals')} onChange={(e) => setF({ ...f, metadataEquals: e.target.value })} />}
        </Field>
        <label className="check">
          <input type="checkbox" checked={!f.autoSnapshot} onChange={(e) => setF({ ...f, autoSnapshot: !e.target.checked })} />
          Opt matching volumes out (no snapshots)
        </label>
        {f.autoSnapshot && (
          <Field label="Policy set" error={err?.fieldError('policySetId')}>
            {(p) => (
              <select {...p} value={str('policySetId')} onChange={(e) => setF({ ...f, policySetId: e.target.value })}>
                <option value="">Choose a set…</option>
                {(sets.data?.items ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            )}
          </Field>
        )}
        <label className="check">
          <input type="checkbox" checked={Boolean(f.enabled)} onChange={(e) => setF({ ...f, enabled: e.target.checked })} /> Enabled
        </label>
        <ProblemAlert error={save.error} showViolations />
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={save.isPending}>{rule ? 'Save rule' : 'Create rule'}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** POST /rules/test with a volume of the inventory: does this rule match it, and which rule decides it? */
function RuleTester({ rule, onClose }: { rule?: Rule; onClose: () => void }) {
  const [volumeId, setVolumeId] = useState('');
  const test = useMutation({
    mutationFn: async () => {
      const found = await api<Page<Volume>>('/volumes', { query: { q: volumeId.trim(), limit: 10 } });
      const v = found.items.find((x) => x.id === volumeId.trim() || x.name === volumeId.trim()) ?? found.items[0];
      if (!v) throw new ApiError({ status: 404, title: 'No such volume', detail: `No volume matches "${volumeId}" in the inventory.` });
      const result = await api<RuleTest>('/rules/test', {
        method: 'POST',
        body: {
          ruleId: rule?.id,
          volume: {
            id: v.id, name: v.name, domainId: v.domainId, domainName: v.domainName, projectId: v.projectId, projectName: v.projectName,
            sizeGb: v.sizeGb, volumeType: v.volumeType, bootable: v.bootable, status: v.status, metadata: v.metadata,
            attachments: v.serverId ? [{ serverId: v.serverId, serverName: v.serverName }] : [],
          },
        },
      });
      return { volume: v, result };
    },
  });
  const matches = test.data && rule ? test.data.result.matchingRuleIds.includes(rule.id) : undefined;
  return (
    <Dialog title={rule ? `Test rule ${rule.name} against a volume` : 'Which rule decides a volume?'} onClose={onClose} testId="rule-tester">
      <form onSubmit={(e) => { e.preventDefault(); test.mutate(); }}>
        <Field label="Volume (id or name)">
          {(p) => <input {...p} value={volumeId} onChange={(e) => setVolumeId(e.target.value)} required />}
        </Field>
        <div className="actions">
          <button type="button" onClick={onClose}>Close</button>
          <button type="submit" className="primary" disabled={test.isPending}>Test</button>
        </div>
      </form>
      <ProblemAlert error={test.error} showViolations />
      {test.data && (
        <div role="status" data-testid="rule-test-result">
          <p>Volume <strong>{test.data.volume.name || test.data.volume.id}</strong> ({test.data.volume.projectName || test.data.volume.projectId}):</p>
          {rule && <p><strong>{matches ? 'This rule matches.' : 'This rule does not match.'}</strong></p>}
          <p>
            Deciding rule: {test.data.result.decidingRuleName ? <strong>{test.data.result.decidingRuleName}</strong> : 'none (no rule matches)'};{' '}
            {test.data.result.matchingRuleIds.length} rule(s) match in all.
          </p>
        </div>
      )}
    </Dialog>
  );
}

const col = createColumnHelper<Rule>();

export function RulesPage() {
  const { mayChange, mayCreate } = useAbilities();
  const setName = useSetNames();
  const client = useQueryClient();
  const { values, apply } = useUrlFilters(FIELDS.map((f) => f.name));
  const keyset = useKeyset(25);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [testing, setTesting] = useState<Rule | 'any' | null>(null);
  const [removing, setRemoving] = useState<Rule | null>(null);
  const list = useQuery({
    queryKey: ['rules', values, keyset.cursor, keyset.size],
    queryFn: () => api<Page<Rule>>('/rules', { query: { ...values, limit: keyset.size, cursor: keyset.cursor } }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (r: Rule) => api<void>(`/rules/${r.id}`, { method: 'DELETE', headers: { 'If-Match': `"${r.version}"` } }),
    onSuccess: () => {
      setRemoving(null);
      client.invalidateQueries({ queryKey: ['rules'] });
    },
  });
  const columns = [
    col.accessor('name', { header: 'Rule' }),
    col.accessor('priority', { header: 'Priority' }),
    col.accessor('tenantId', { header: 'Scope', cell: (c) => c.getValue() ?? 'global' }),
    col.accessor('enabled', { header: 'State', cell: (c) => <Badge value={c.getValue() ? 'COMPLETED' : 'SKIPPED'} label={c.getValue() ? 'enabled' : 'disabled'} /> }),
    col.accessor('match', { header: 'Matches', cell: (c) => matchInWords(c.getValue()) }),
    col.accessor((r) => (r.autoSnapshot ? setName(r.policySetId) : 'opt out'), { id: 'then', header: 'Then' }),
    col.display({
      id: 'actions',
      header: 'Actions',
      cell: (c) => (
        <div className="actions">
          <button type="button" onClick={() => setTesting(c.row.original)} aria-label={`Test ${c.row.original.name} against a volume`}>Test…</button>
          {mayChange(c.row.original.tenantId) && <button type="button" onClick={() => setEditing(c.row.original)} aria-label={`Edit ${c.row.original.name}`}>Edit</button>}
          {mayChange(c.row.original.tenantId) && <button type="button" className="danger" onClick={() => setRemoving(c.row.original)} aria-label={`Delete ${c.row.original.name}`}>Delete</button>}
        </div>
      ),
    }),
  ];
  return (
    <>
      <div className="actions">
        <h1>Rules</h1>
        {mayCreate && <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="new-rule">New rule</button>}
        <button type="button" onClick={() => setTesting('any')}>Which rule decides a volume?</button>
      </div>
      <p className="muted">Rules are tried by priority (higher first); the first that matches decides, after exclusions, assignments and metadata.</p>
      <FilterForm fields={FIELDS} values={values} onApply={(v) => { keyset.reset(); apply(v); }} label="Rule filters" />
      <ProblemAlert error={list.error} showViolations />
      <DataTable testId="rules-table" caption="Assignment rules" data={list.data?.items ?? []} columns={columns} getRowId={(r) => r.id} empty={list.isPending ? 'Loading…' : 'No rules match.'} />
      <Pager keyset={keyset} nextCursor={list.data?.nextCursor} label="Rules" />
      {editing && <RuleForm rule={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {testing && <RuleTester rule={testing === 'any' ? undefined : testing} onClose={() => setTesting(null)} />}
      {removing && (
        <ConfirmDialog title={`Delete rule ${removing.name}?`} confirmLabel="Delete" busy={remove.isPending} onCancel={() => { setRemoving(null); remove.reset(); }} onConfirm={() => remove.mutate(removing)}>
          <p>Volumes it decided fall through to the next rule or an auto-apply set.</p>
          <ProblemAlert error={remove.error} />
        </ConfirmDialog>
      )}
    </>
  );
}
