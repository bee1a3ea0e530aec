import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Page, PolicySet, Volume } from '../api/types';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';

function volumeFields(v: Volume) {
  return {
    volumeId: v.id, volumeName: v.name, domainId: v.domainId, domainName: v.domainName, projectId: v.projectId,
    projectName: v.projectName, serverId: v.serverId, serverName: v.serverName,
  };
}

/** Assign one policy set (all or some of its policies), or opt out, for many volumes in one all-or-nothing call. */
export function AssignDialog({ volumes, onClose }: { volumes: Volume[]; onClose: () => void }) {
  const client = useQueryClient();
  const sets = useQuery({ queryKey: ['policy-sets', 'all'], queryFn: () => api<Page<PolicySet>>('/policy-sets', { query: { limit: 200 } }) });
  const [setId, setSetId] = useState('');
  const [optOut, setOptOut] = useState(false);
  const [names, setNames] = useState<string[]>([]);
  const chosen = sets.data?.items?.find((s) => s.id === setId);
  const assign = useMutation({
    mutationFn: () =>
      api<{ created: number; updated: number }>('/assignments/bulk', {
        method: 'POST',
        body: {
          items: volumes.map((v) => ({
            ...volumeFields(v),
            policySetId: optOut ? null : setId,
            policyNames: optOut || names.length === 0 ? null : names,
            autoSnapshot: !optOut,
            source: 'MANUAL',
          })),
        },
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['volumes'] });
      client.invalidateQueries({ queryKey: ['assignments'] });
    },
  });
  const err = assign.error instanceof ApiError ? assign.error : undefined;
  return (
    <Dialog title={`Assign ${volumes.length} volume(s)`} onClose={onClose} testId="assign-dialog">
      {assign.isSuccess ? (
        <>
          <p className="alert alert-ok" role="status">
            Done: {assign.data.created} assignment(s) created, {assign.data.updated} updated.
          </p>
          <button type="button" onClick={onClose}>Close</button>
        </>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); assign.mutate(); }}>
          <label className="check">
            <input type="checkbox" checked={optOut} onChange={(e) => setOptOut(e.target.checked)} />
            Opt these volumes out of every policy (autoSnapshot = false)
          </label>
          {!optOut && (
            <>
              <Field label="Policy set" error={err?.fieldError('items[0].policySetId')}>
                {(p) => (
                  <select {...p} name="policySetId" value={setId} onChange={(e) => { setSetId(e.target.value); setNames([]); }} required>
                    <option value="">Choose a set…</option>
                    {(sets.data?.items ?? []).map((s) => (
                      <option key={s.id} value={s.id} data-name={s.name}>{s.name} ({s.scope === 'GLOBAL' ? 'global' : s.tenantId})</option>
                    ))}
                  </select>
                )}
              </Field>
              {chosen && (
                <fieldset>
                  <legend>Only these policies (none ticked: all of the set)</legend>
                  {chosen.policies.map((p) => (
                    <label key={p.name} className="check">
                      <input
                        type="checkbox"
                        checked={names.includes(p.name)}
                        onChange={(e) => setNames(e.target.checked ? [...names, p.name] : names.filter((n) => n !== p.name))}
                      />
                      {p.name}
                    </label>
                  ))}
                </fieldset>
              )}
            </>
          )}
          <p className="muted">An explicit assignment decides before metadata, rules and auto-apply sets.</p>
          <ProblemAlert error={assign.error} showViolations />
          <div className="actions">
            <button type="button" onClick={onClose}>Cancel</button>
            <button type="submit" className="primary" disabled={(!optOut && !setId) || assign.isPending} data-testid="confirm-assign">
              {optOut ? 'Opt out' : 'Assign'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

interface Outcome {
  volume: Volume;
  error?: ApiError;
}

/** Exclude many volumes with one reason and an optional expiry (one exclusion per volume). */
export function ExcludeDialog({ volumes, onClose }: { volumes: Volume[]; onClose: () => void }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const exclude = useMutation({
    mutationFn: async () => {
      const results: Outcome[] = [];
      for (const v of volumes) {
        try {
          await api('/exclusions', {
            method: 'POST',
            body: { ...volumeFields(v), reason, expiresAt: expires ? new Date(expires).toISOString() : null },
          });
          results.push({ volume: v });
        } catch (e) {
          if (e instanceof ApiError && e.status !== 401) results.push({ volume: v, error: e });
          else throw e;
        }
      }
      return results;
    },
    onSuccess: (results) => {
      setOutcomes(results);
      client.invalidateQueries({ queryKey: ['volumes'] });
      client.invalidateQueries({ queryKey: ['exclusions'] });
    },
  });
  const firstError = outcomes?.find((o) => o.error)?.error;
  const failed = outcomes?.filter((o) => o.error) ?? [];
  return (
    <Dialog title={`Exclude ${volumes.length} volume(s)`} onClose={onClose} testId="exclude-dialog">
      {outcomes && failed.length === 0 ? (
        <>
          <p className="alert alert-ok" role="status">Excluded {outcomes.length} volume(s).</p>
          <button type="button" onClick={onClose}>Close</button>
        </>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); exclude.mutate(); }}>
          <p className="muted">An active exclusion keeps a volume out of every policy; it decides before anything else.</p>
          <Field label="Reason" error={firstError?.fieldError('reason')}>
            {(p) => <input {...p} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required />}
          </Field>
          <Field label="Expires (optional)" error={firstError?.fieldError('expiresAt')} hint="empty: until removed">
            {(p) => <input {...p} type="datetime-local" name="expiresAt" value={expires} onChange={(e) => setExpires(e.target.value)} />}
          </Field>
          {failed.length > 0 && (
            <div className="alert alert-error" role="alert">
              {outcomes!.length - failed.length} excluded; {failed.length} not:
              <ul>
                {failed.map((o) => (
                  <li key={o.volume.id}>
                    {o.volume.name || o.volume.id}: {o.error!.problem.title}
                    {o.error!.problem.detail ? ` — ${o.error!.problem.detail}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ProblemAlert error={exclude.error} />
          <div className="actions">
            <button type="button" onClick={onClose}>Cancel</button>
            <button type="submit" className="primary" disabled={exclude.isPending} data-testid="confirm-exclude">Exclude</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
