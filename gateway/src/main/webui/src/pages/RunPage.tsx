import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useAbilities } from '../api/me';
import { TERMINAL, type RecordPage, type Run } from '../api/types';
import { ConfirmDialog } from '../components/Dialog';
import { dateTime } from '../components/format';
import { Pager, useKeyset } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';
import { RecordsTable } from '../runs/RecordsTable';
import { applyEvent, RunProgress } from '../runs/RunProgress';
import { useRunEvents } from '../runs/useRunEvents';

/** How often, and for how long after the page saw the run finished, its records are read again while audit-service
 * catches up. */
export const RECORD_CATCH_UP_MS = 1000;
const RECORD_CATCH_UP_FOR_MS = 60_000;

/** One audit record per volume result: what the run counted (failed includes failed deletions). */
function recordsOf(run: Run): number | undefined {
  const c = run.counters;
  return c ? c.created + c.deleted + c.failed + c.skipped + c.quotaBlocked : undefined;
}

export function RunPage() {
  const { id = '' } = useParams();
  const { administer } = useAbilities();
  const client = useQueryClient();
  const navigate = useNavigate();
  const keyset = useKeyset(25);
  const [confirm, setConfirm] = useState<'cancel' | 'real' | null>(null);

  const run = useQuery({ queryKey: ['run', id], queryFn: () => api<Run>(`/runs/${id}`) });
  const active = run.data ? !TERMINAL.includes(run.data.status) : false;
  const stream = useRunEvents(
    active ? `/api/v1/runs/${encodeURIComponent(id)}/events` : null,
    (event) => {
      if (event.runId !== id) return;
      client.setQueryData<Run>(['run', id], (old) => (old ? applyEvent(old, event) : old));
      if (TERMINAL.includes(event.status) || event.counters) {
        client.invalidateQueries({ queryKey: ['run-records', id] });
      }
      // The final state once more from the server (a read started before this event must not win).
      if (TERMINAL.includes(event.status)) client.invalidateQueries({ queryKey: ['run', id] });
    },
    true,
    () => client.invalidateQueries({ queryKey: ['run', id] }),
  );

  // audit-service stores the results through its own consumer, so at the end of a run it may not hold all of them
  // yet. Once the run has finished, its records are read again until they are as many as the run counted, for a
  // minute at most from when this page saw the end (not counting the reads made while the run was going on).
  const expected = run.data && TERMINAL.includes(run.data.status) ? recordsOf(run.data) : undefined;
  const endSeenAt = useRef<number | undefined>(undefined);
  const records = useQuery({
    queryKey: ['run-records', id, keyset.cursor, keyset.size],
    queryFn: () => api<RecordPage>(`/runs/${id}/records`, { query: { limit: keyset.size, cursor: keyset.cursor, sort: 'asc', includeTotal: true } }),
    placeholderData: keepPreviousData,
    enabled: Boolean(run.data),
    refetchInterval: (query) => {
      const total = query.state.data?.total;
      if (expected === undefined || total === undefined || query.state.data?.totalCapped) return false;
      endSeenAt.current ??= Date.now();
      return total < expected && Date.now() - endSeenAt.current < RECORD_CATCH_UP_FOR_MS ? RECORD_CATCH_UP_MS : false;
    },
  });

  const cancel = useMutation({
    mutationFn: () => api<Run>(`/runs/${id}/cancel`, { method: 'POST', query: { reason: 'cancelled in the console' } }),
    onSuccess: (r) => {
      client.setQueryData(['run', id], r);
      setConfirm(null);
    },
  });
  const real = useMutation({
    mutationFn: (r: Run) =>
      api<Run>('/runs', {
        method: 'POST',
        body: { policy: { policySetId: r.policy!.policySetId, policyName: r.policy!.policyName }, dryRun: false, trigger: 'MANUAL', scope: r.scope ?? undefined, reason: `after dry run ${r.id}` },
      }),
    onSuccess: (r) => {
      setConfirm(null);
      navigate(`/runs/${r.id}`);
    },
  });

  if (run.isPending) return <p role="status">Loading run…</p>;
  if (run.isError) return (<><h1>Run</h1><ProblemAlert error={run.error} /></>);
  const r = run.data;
  const plan = r.dryRun && r.counters;
  return (
    <>
      <p><Link to="/runs">← Runs</Link></p>
      <h1 data-testid="run-title">
        {r.dryRun ? 'Dry run' : 'Run'} of {r.policy?.policyName ?? 'a policy'}{' '}
        <span className="muted">{r.policy?.policySetName}</span>
      </h1>
      <RunProgress run={r} stream={active ? stream : undefined} />
      {plan && TERMINAL.includes(r.status) && (
        <section className="panel" aria-label="Plan" data-testid="plan">
          <h2>The plan</h2>
          <p>
            A real run would create <strong>{r.counters!.created}</strong> snapshot(s) and delete{' '}
            <strong>{r.counters!.deleted}</strong> by retention; {r.counters!.skipped} volume(s) would be skipped and{' '}
            {r.counters!.quotaBlocked} are blocked by quota. The records below list each volume.
          </p>
          {administer && r.policy && (
            <button type="button" className="primary" onClick={() => setConfirm('real')} data-testid="run-for-real">
              Run for real…
            </button>
          )}
        </section>
      )}
      <section className="panel" aria-label="Details">
        <dl className="props">
          <dt>Run id</dt><dd><code>{r.id}</code></dd>
          <dt>Trigger</dt><dd>{r.trigger}{r.requestedBy ? ` by ${r.requestedBy}` : ''}</dd>
          <dt>Slot</dt><dd>{dateTime(r.slot)}</dd>
          <dt>Requested</dt><dd>{dateTime(r.requestedAt)}</dd>
          <dt>Started</dt><dd>{dateTime(r.startedAt)}</dd>
          <dt>Finished</dt><dd>{dateTime(r.finishedAt)}</dd>
          <dt>Tenants</dt><dd>{r.tenants ? r.tenants.join(', ') : 'all'}</dd>
          {r.reason && (<><dt>Reason</dt><dd>{r.reason}</dd></>)}
        </dl>
        {administer && active && (
          <div className="actions">
            <button type="button" className="danger" onClick={() => setConfirm('cancel')} data-testid="cancel-run">
              Cancel run…
            </button>
          </div>
        )}
        <ProblemAlert error={cancel.error ?? real.error} />
      </section>
      <h2>{r.dryRun ? 'What it would do, per volume' : 'Records'}</h2>
      <ProblemAlert error={records.error} />
      <RecordsTable records={records.data?.items ?? []} caption="Records of this run" hideRun empty={records.isPending ? 'Loading…' : 'No records yet.'} />
      <Pager keyset={keyset} nextCursor={records.data?.nextCursor} label="Records" />
      {confirm === 'cancel' && (
        <ConfirmDialog title="Cancel this run?" confirmLabel="Cancel the run" onConfirm={() => cancel.mutate()} onCancel={() => setConfirm(null)} busy={cancel.isPending}>
          <p>The worker stops starting new volumes; snapshots already being made finish.</p>
        </ConfirmDialog>
      )}
      {confirm === 'real' && (
        <ConfirmDialog title="Run for real?" confirmLabel="Create and delete snapshots" onConfirm={() => real.mutate(r)} onCancel={() => setConfirm(null)} busy={real.isPending}>
          <p>
            This creates snapshots of {r.policy?.policyName} and applies its retention, as planned above
            ({r.counters?.created ?? 0} to create, {r.counters?.deleted ?? 0} to delete).
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
