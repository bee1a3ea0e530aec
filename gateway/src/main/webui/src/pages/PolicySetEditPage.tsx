import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { useAbilities } from '../api/me';
import type { MissedRunMode, PolicyScope, PolicySet, PolicyTemplate } from '../api/types';
import { Field } from '../components/Field';
import { cronInWords, isoDurationInWords } from '../components/format';
import { ProblemAlert } from '../components/ProblemAlert';
import { SchedulePreview } from '../policies/SchedulePreview';

interface PolicyForm {
  name: string;
  description: string;
  cron: string;
  timeZone: string;
  keepLast: string;
  maxAge: string;
  missedRunMode: MissedRunMode;
  enabled: boolean;
}

interface SetForm {
  name: string;
  description: string;
  scope: PolicyScope;
  tenantId: string;
  priority: string;
  active: boolean;
  autoApply: boolean;
  policies: PolicyForm[];
}

const EMPTY_POLICY: PolicyForm = { name: '', description: '', cron: '0 2 * * *', timeZone: 'UTC', keepLast: '7', maxAge: '', missedRunMode: 'SKIP', enabled: true };
const EMPTY: SetForm = { name: '', description: '', scope: 'GLOBAL', tenantId: '', priority: '100', active: true, autoApply: false, policies: [] };

function toForm(s: PolicySet): SetForm {
  return {
    name: s.name, description: s.description ?? '', scope: s.scope, tenantId: s.tenantId ?? '', priority: String(s.priority),
    active: s.active, autoApply: s.autoApply,
    policies: s.policies.map((p) => ({
      name: p.name, description: p.description ?? '', cron: p.cron, timeZone: p.timeZone, keepLast: p.keepLast ? String(p.keepLast) : '',
      maxAge: p.maxAge ?? '', missedRunMode: p.missedRunMode, enabled: p.enabled,
    })),
  };
}

function toRequest(f: SetForm, creating: boolean) {
  const num = (v: string) => (v.trim() === '' ? null : Number(v));
  return {
    name: f.name.trim(),
    description: f.description || null,
    ...(creating ? { scope: f.scope, tenantId: f.scope === 'TENANT' ? f.tenantId.trim() : null } : {}),
    priority: num(f.priority),
    active: f.active,
    autoApply: f.autoApply,
    policies: f.policies.map((p) => ({
      name: p.name.trim(), description: p.description || null, cron: p.cron.trim(), timeZone: p.timeZone.trim() || 'UTC',
      keepLast: num(p.keepLast), maxAge: p.maxAge.trim() || null, missedRunMode: p.missedRunMode, enabled: p.enabled,
    })),
  };
}

const ZONES: string[] = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC'];

export function PolicySetEditPage() {
  const { id } = useParams();
  const creating = !id || id === 'new';
  const { administer, ownTenants, mayChange, mayCreate } = useAbilities();
  const navigate = useNavigate();
  const client = useQueryClient();
  const existing = useQuery({ queryKey: ['policy-set', id], queryFn: () => api<PolicySet>(`/policy-sets/${id}`), enabled: !creating });
  const templates = useQuery({ queryKey: ['policy-templates'], queryFn: () => api<PolicyTemplate[]>('/policy-templates'), enabled: administer });
  // a tenant-limited admin may create TENANT sets of its own tenants only (GLOBAL ones are refused with 403)
  const [form, setForm] = useState<SetForm>(() => (ownTenants === null ? EMPTY : { ...EMPTY, scope: 'TENANT', tenantId: ownTenants[0] ?? '' }));
  useEffect(() => {
    if (existing.data) setForm(toForm(existing.data));
  }, [existing.data]);

  const save = useMutation({
    mutationFn: () =>
      creating
        ? api<PolicySet>('/policy-sets', { method: 'POST', body: toRequest(form, true) })
        : api<PolicySet>(`/policy-sets/${id}`, { method: 'PATCH', body: toRequest(form, false), headers: { 'If-Match': `"${existing.data!.version}"` } }),
    onSuccess: (saved) => {
      client.invalidateQueries({ queryKey: ['policy-sets'] });
      client.setQueryData(['policy-set', saved.id], saved);
      navigate('/policy-sets');
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const fieldError = (field: string) => err?.fieldError(field);
  const readOnly = creating
    ? !mayCreate
    : !existing.data || !mayChange(existing.data.scope === 'GLOBAL' ? null : existing.data.tenantId);
  const update = (patch: Partial<SetForm>) => setForm((f) => ({ ...f, ...patch }));
  const updatePolicy = (i: number, patch: Partial<PolicyForm>) =>
    setForm((f) => ({ ...f, policies: f.policies.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));

  if (!creating && existing.isPending) return <p role="status">Loading…</p>;
  if (!creating && existing.isError) return (<><h1>Policy set</h1><ProblemAlert error={existing.error} /></>);

  return (
    <>
      <p><Link to="/policy-sets">← Policy sets</Link></p>
      <h1>{creating ? 'New policy set' : `${readOnly ? '' : 'Edit '}${existing.data?.name}`}</h1>
      <form
        aria-label="Policy set"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <fieldset disabled={readOnly} className="panel">
          <legend>The set</legend>
          <div className="form-grid">
            <Field label="Name" error={fieldError('name')} hint="lower case letters, digits, _ and -">
              {(p) => <input {...p} name="name" value={form.name} onChange={(e) => update({ name: e.target.value })} />}
            </Field>
            <Field label="Scope" error={fieldError('scope')}>
              {(p) => (
                <select {...p} value={form.scope} disabled={!creating || readOnly} onChange={(e) => update({ scope: e.target.value as PolicyScope })}>
                  {(ownTenants === null || !creating) && <option value="GLOBAL">global (every tenant)</option>}
                  <option value="TENANT">one tenant</option>
                </select>
              )}
            </Field>
            {form.scope === 'TENANT' && (
              <Field label="Tenant (project id)" error={fieldError('tenantId')}>
                {(p) => (creating && ownTenants !== null ? (
                  <select {...p} value={form.tenantId} disabled={readOnly} onChange={(e) => update({ tenantId: e.target.value })}>
                    {ownTenants.map((t) => <option key={t} value={t}>{t}</option>)}
                  </select>
                ) : (
                  <input {...p} value={form.tenantId} disabled={!creating || readOnly} onChange={(e) => update({ tenantId: e.target.value })} />
                ))}
              </Field>
            )}
            <Field label="Priority" error={fieldError('priority')} hint="0–1000; the higher wins">
              {(p) => <input {...p} name="priority" type="number" value={form.priority} onChange={(e) => update({ priority: e.target.value })} />}
            </Field>
          </div>
          <Field label="Description" error={fieldError('description')}>
            {(p) => <input {...p} value={form.description} onChange={(e) => update({ description: e.target.value })} />}
          </Field>
          <label className="check">
            <input type="checkbox" checked={form.active} onChange={(e) => update({ active: e.target.checked })} /> Active
          </label>
          <label className="check">
            <input type="checkbox" checked={form.autoApply} onChange={(e) => update({ autoApply: e.target.checked })} />
            Auto-apply: the default for every volume in its scope that nothing more specific decides
          </label>
        </fieldset>

        <h2>Policies</h2>
        <ProblemAlert error={fieldError('policies') ? new ApiError({ status: 422, title: fieldError('policies') }) : null} />
        {form.policies.map((pol, i) => {
          const at = `policies[${i}].`;
          return (
            <div key={i} className="panel">
            <fieldset disabled={readOnly} data-testid={`policy-form-${i}`}>
              <legend>Policy {pol.name || i + 1}</legend>
              <div className="form-grid">
                <Field label="Policy name" error={fieldError(`${at}name`)}>
                  {(p) => <input {...p} name={`${at}name`} value={pol.name} onChange={(e) => updatePolicy(i, { name: e.target.value })} />}
                </Field>
                <Field label="Schedule (cron, 5 fields)" error={fieldError(`${at}cron`)} hint={cronInWords(pol.cron)}>
                  {(p) => <input {...p} name={`${at}cron`} value={pol.cron} onChange={(e) => updatePolicy(i, { cron: e.target.value })} />}
                </Field>
                <Field label="Time zone" error={fieldError(`${at}timeZone`)}>
                  {(p) => (
                    <>
                      <input {...p} name={`${at}timeZone`} list="time-zones" value={pol.timeZone} onChange={(e) => updatePolicy(i, { timeZone: e.target.value })} />
                    </>
                  )}
                </Field>
                <Field label="Keep last (snapshots)" error={fieldError(`${at}keepLast`)} hint="1–1000 available snapshots; and/or a max age">
                  {(p) => <input {...p} name={`${at}keepLast`} type="number" min={1} max={1000} value={pol.keepLast} onChange={(e) => updatePolicy(i, { keepLast: e.target.value })} />}
                </Field>
                <Field label="Max age (ISO-8601 duration)" error={fieldError(`${at}maxAge`)} hint={pol.maxAge ? isoDurationInWords(pol.maxAge) : 'e.g. P30D (30 days), PT12H'}>
                  {(p) => <input {...p} name={`${at}maxAge`} value={pol.maxAge} placeholder="P30D" onChange={(e) => updatePolicy(i, { maxAge: e.target.value })} />}
                </Field>
                <Field label="Missed runs" error={fieldError(`${at}missedRunMode`)}>
                  {(p) => (
                    <select {...p} value={pol.missedRunMode} onChange={(e) => updatePolicy(i, { missedRunMode: e.target.value as MissedRunMode })}>
                      <option value="SKIP">skip (recorded as missed)</option>
                      <option value="RUN_ONCE">run once to catch up</option>
                    </select>
                  )}
                </Field>
              </div>
              <label className="check">
                <input type="checkbox" checked={pol.enabled} onChange={(e) => updatePolicy(i, { enabled: e.target.checked })} /> Enabled
              </label>
            </fieldset>
              {/* outside the fieldset: viewers may preview a read-only policy too */}
              <SchedulePreview cron={pol.cron} timeZone={pol.timeZone} label={pol.name || `policy ${i + 1}`} />
              {!readOnly && (
                <div className="actions">
                  <button type="button" className="danger" onClick={() => update({ policies: form.policies.filter((_, j) => j !== i) })}>
                    Remove policy
                  </button>
                </div>
              )}
            </div>
          );
        })}
        <datalist id="time-zones">
          {ZONES.map((z) => <option key={z} value={z} />)}
        </datalist>
        {!readOnly && (
          <div className="actions">
            <button type="button" onClick={() => update({ policies: [...form.policies, { ...EMPTY_POLICY }] })} data-testid="add-policy">
              Add a policy
            </button>
            {(templates.data ?? []).map((t) => (
              <button
                key={t.name}
                type="button"
                title={t.description}
                onClick={() => update({ policies: [...form.policies, { name: t.name, description: t.description, cron: t.cron, timeZone: t.timeZone,
                  keepLast: t.keepLast ? String(t.keepLast) : '', maxAge: t.maxAge ?? '', missedRunMode: t.missedRunMode, enabled: true }] })}
              >
                Add {t.name}
              </button>
            ))}
          </div>
        )}
        <ProblemAlert error={save.error} showViolations />
        {!readOnly && (
          <div className="actions">
            <Link to="/policy-sets" className="button">Cancel</Link>
            <button type="submit" className="primary" disabled={save.isPending} data-testid="save-policy-set">
              {creating ? 'Create policy set' : 'Save changes'}
            </button>
          </div>
        )}
      </form>
    </>
  );
}
