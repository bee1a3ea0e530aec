import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { useAbilities } from '../api/me';
import type { Page, PolicySet } from '../api/types';
import { Badge } from '../components/Badge';
import { ConfirmDialog } from '../components/Dialog';
import { Pager, useKeyset } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';
import { PolicySummary } from '../policies/PolicySummary';
import { RunNowDialog } from '../runs/RunNowDialog';

export function PolicySetsPage() {
  const { operate, mayChange, mayCreate } = useAbilities();
  const [params, setParams] = useSearchParams();
  const keyset = useKeyset(25);
  const client = useQueryClient();
  const [deleting, setDeleting] = useState<PolicySet | null>(null);
  const [dryRun, setDryRun] = useState<{ policySetId: string; policyName: string } | null>(null);
  const query = {
    scope: params.get('scope') ?? '',
    tenantId: params.get('tenantId') ?? '',
    active: params.get('active') ?? '',
    q: params.get('q') ?? '',
  };
  const sets = useQuery({
    queryKey: ['policy-sets', query, keyset.cursor, keyset.size],
    queryFn: () => api<Page<PolicySet>>('/policy-sets', { query: { ...query, limit: keyset.size, cursor: keyset.cursor } }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: ({ set, force }: { set: PolicySet; force: boolean }) =>
      api<void>(`/policy-sets/${set.id}`, { method: 'DELETE', query: { force: force || undefined }, headers: { 'If-Match': `"${set.version}"` } }),
    onSuccess: () => {
      setDeleting(null);
      remove.reset();
      client.invalidateQueries({ queryKey: ['policy-sets'] });
    },
  });
  /** GLOBAL sets only for an admin without a tenant claim; TENANT sets for an admin of that tenant */
  const changeable = (s: PolicySet) => mayChange(s.scope === 'GLOBAL' ? null : s.tenantId);
  const referenced = remove.error instanceof ApiError && remove.error.status === 409;
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    keyset.reset();
  };

  return (
    <>
      <div className="actions">
        <h1>Policy sets</h1>
        {mayCreate && <Link className="button primary" to="/policy-sets/new" data-testid="new-policy-set">New policy set</Link>}
      </div>
      <form className="filters" aria-label="Policy set filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={query.q} onChange={(e) => set('q', e.target.value)} placeholder="name" />
        </label>
        <label>
          Scope
          <select value={query.scope} onChange={(e) => set('scope', e.target.value)}>
            <option value="">any</option>
            <option value="GLOBAL">global</option>
            <option value="TENANT">tenant</option>
          </select>
        </label>
        <label>
          Tenant (project id)
          <input value={query.tenantId} onChange={(e) => set('tenantId', e.target.value)} />
        </label>
        <label>
          Active
          <select value={query.active} onChange={(e) => set('active', e.target.value)}>
            <option value="">any</option>
            <option value="true">active</option>
            <option value="false">inactive</option>
          </select>
        </label>
      </form>
      <ProblemAlert error={sets.error} />
      {sets.data && (sets.data.items ?? []).length === 0 && <p className="muted">No policy sets match.</p>}
      <div className="cards" data-testid="policy-set-cards">
        {(sets.data?.items ?? []).map((s) => (
          <article className="card" key={s.id} aria-labelledby={`set-${s.id}`} data-testid={`policy-set-${s.name}`}>
            <h2 id={`set-${s.id}`}>{s.name}</h2>
            <div className="actions">
              <Badge value={s.scope} label={s.scope === 'GLOBAL' ? 'global' : `tenant ${s.tenantId}`} />
              <Badge value={s.active ? 'COMPLETED' : 'SKIPPED'} label={s.active ? 'active' : 'inactive'} />
              {s.autoApply && <Badge value="RUNNING" label="auto-apply" />}
              <span className="muted">priority {s.priority}</span>
            </div>
            {s.description && <p>{s.description}</p>}
            <ul className="policies">
              {s.policies.map((p) => (
                <li key={p.name}>
                  <PolicySummary policy={p} />
                  {operate && (
                    <button type="button" onClick={() => setDryRun({ policySetId: s.id, policyName: p.name })} aria-label={`Dry run ${p.name} of ${s.name}`}>
                      Dry run…
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <div className="actions">
              <Link to={`/policy-sets/${s.id}`} aria-label={`${changeable(s) ? 'Edit' : 'View'} ${s.name}`}>{changeable(s) ? 'Edit' : 'Details & schedule'}</Link>
              <Link to={`/volumes?policySetId=${s.id}`}>Volumes</Link>
              {changeable(s) && (
                <button type="button" className="danger" onClick={() => { remove.reset(); setDeleting(s); }} aria-label={`Delete ${s.name}`}>
                  Delete…
                </button>
              )}
            </div>
          </article>
        ))}
      </div>
      <Pager keyset={keyset} nextCursor={sets.data?.nextCursor} label="Policy sets" />
      {deleting && (
        <ConfirmDialog
          title={`Delete policy set ${deleting.name}?`}
          confirmLabel={referenced ? 'Delete and detach' : 'Delete'}
          busy={remove.isPending}
          onCancel={() => { setDeleting(null); remove.reset(); }}
          onConfirm={() => remove.mutate({ set: deleting, force: referenced })}
        >
          {referenced ? (
            <div className="alert alert-error" role="alert" data-testid="delete-conflict">
              <strong>This set is still in use.</strong> {(remove.error as ApiError).problem.detail}
              {(remove.error as ApiError).problem.conflictingId && (
                <div>Referenced by <code>{String((remove.error as ApiError).problem.conflictingId)}</code>.</div>
              )}
              <p>
                Deleting it anyway detaches the assignments and rules that point at it: those volumes then fall back to
                the next step of the resolution (metadata, other rules or an auto-apply set) or become uncovered.
              </p>
            </div>
          ) : (
            <>
              <p>Its {deleting.policies.length} policies stop being scheduled. Existing snapshots are kept.</p>
              <ProblemAlert error={remove.error} />
            </>
          )}
        </ConfirmDialog>
      )}
      {dryRun && <RunNowDialog initial={dryRun} onClose={() => setDryRun(null)} />}
    </>
  );
}
