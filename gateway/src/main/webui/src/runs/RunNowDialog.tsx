import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import type { Page, PolicySet, Run } from '../api/types';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';

function list(text: string): string[] | undefined {
  const items = text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

/**
 * Run now: always a dry run first. The dry run's page shows the plan (what would be created and deleted) and offers
 * the real run to admins.
 */
export function RunNowDialog({ onClose, initial }: {
  onClose: () => void;
  initial?: { policySetId?: string; policyName?: string; volumeIds?: string[] };
}) {
  const navigate = useNavigate();
  const sets = useQuery({ queryKey: ['policy-sets', 'all'], queryFn: () => api<Page<PolicySet>>('/policy-sets', { query: { limit: 200 } }) });
  const [setId, setSetId] = useState(initial?.policySetId ?? '');
  const [policyName, setPolicyName] = useState(initial?.policyName ?? '');
  const [projects, setProjects] = useState('');
  const [volumes, setVolumes] = useState((initial?.volumeIds ?? []).join(', '));
  const [reason, setReason] = useState('');
  const chosen = sets.data?.items?.find((s) => s.id === setId);
  const request = useMutation({
    mutationFn: () =>
      api<Run>('/runs', {
        method: 'POST',
        body: {
          policy: { policySetId: setId, policyName },
          dryRun: true,
          trigger: 'MANUAL',
          reason: reason || undefined,
          scope: { projectIds: list(projects), volumeIds: list(volumes) },
        },
      }),
    onSuccess: (run) => navigate(`/runs/${run.id}`),
  });
  const err = request.error instanceof ApiError ? request.error : undefined;
  return (
    <Dialog title="Run now: plan first (dry run)" onClose={onClose} testId="run-now-dialog">
      <p className="muted">
        A dry run plans the run and lists what it would create and delete, changing nothing. From its page an admin
        can then start the real run.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          request.mutate();
        }}
      >
        <Field label="Policy set" error={err?.fieldError('policy.policySetId')}>
          {(p) => (
            <select {...p} name="policySetId" value={setId} onChange={(e) => { setSetId(e.target.value); setPolicyName(''); }} required>
              <option value="">Choose a set…</option>
              {(sets.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id} data-name={s.name}>{s.name} ({s.scope === 'GLOBAL' ? 'global' : s.tenantId})</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Policy" error={err?.fieldError('policy.policyName')}>
          {(p) => (
            <select {...p} name="policyName" value={policyName} onChange={(e) => setPolicyName(e.target.value)} required>
              <option value="">Choose a policy…</option>
              {(chosen?.policies ?? []).map((pol) => (
                <option key={pol.name} value={pol.name}>{pol.name}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Only these projects (ids, optional)" error={err?.fieldError('scope.projectIds')}>
          {(p) => <input {...p} name="projectIds" value={projects} onChange={(e) => setProjects(e.target.value)} placeholder="all" />}
        </Field>
        <Field label="Only these volumes (ids, optional)" error={err?.fieldError('scope.volumeIds')}>
          {(p) => <input {...p} name="volumeIds" value={volumes} onChange={(e) => setVolumes(e.target.value)} placeholder="all" />}
        </Field>
        <Field label="Reason (optional)" error={err?.fieldError('reason')}>
          {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />}
        </Field>
        <ProblemAlert error={request.error} showViolations />
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={!setId || !policyName || request.isPending} data-testid="start-dry-run">
            Plan (dry run)
          </button>
        </div>
      </form>
    </Dialog>
  );
}
