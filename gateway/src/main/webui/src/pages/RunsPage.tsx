import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useAbilities } from '../api/me';
import { RUN_STATUSES, type Page, type Run } from '../api/types';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { dateTime, duration, shortId } from '../components/format';
import { Pager, useKeyset } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';
import { RunNowDialog } from '../runs/RunNowDialog';
import { useRunEvents } from '../runs/useRunEvents';

const col = createColumnHelper<Run>();
const columns = [
  col.accessor('id', {
    header: 'Run',
    cell: (c) => <Link to={`/runs/${c.getValue()}`} aria-label={`Run ${c.getValue()}`}>{shortId(c.getValue())}</Link>,
  }),
  col.accessor('status', { header: 'Status', cell: (c) => <Badge value={c.getValue()} /> }),
  col.accessor((r) => r.policy?.policyName ?? '—', {
    id: 'policy',
    header: 'Policy',
    cell: (c) => (
      <span>{c.getValue()} <span className="muted">{c.row.original.policy?.policySetName ?? ''}</span></span>
    ),
  }),
  col.accessor('dryRun', { header: 'Kind', cell: (c) => (c.getValue() ? 'dry run' : 'real') }),
  col.accessor('trigger', { header: 'Trigger' }),
  col.accessor('progressPercent', {
    header: 'Progress',
    cell: (c) => {
      const r = c.row.original;
      return `${c.getValue()}%` + (r.counters ? ` · ${r.counters.created}/${r.counters.totalVolumes}` : '');
    },
  }),
  col.accessor('tenants', { header: 'Tenants', cell: (c) => (c.getValue() ? c.getValue()!.join(', ') : 'all') }),
  col.accessor('requestedAt', { header: 'Requested', cell: (c) => dateTime(c.getValue()) }),
  col.accessor('durationMs', { header: 'Duration', cell: (c) => duration(c.getValue()) }),
  col.accessor('requestedBy', { header: 'By', cell: (c) => c.getValue() ?? '—' }),
];

const FILTERS = ['status', 'trigger', 'dryRun', 'policyName', 'tenant', 'from', 'to'] as const;

export function RunsPage() {
  const { operate } = useAbilities();
  const [params, setParams] = useSearchParams();
  const keyset = useKeyset(25);
  const [runNow, setRunNow] = useState(false);
  const client = useQueryClient();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const query = {
    ...filters,
    status: filters.status ? filters.status.split(',') : undefined,
    from: filters.from ? new Date(filters.from).toISOString() : undefined,
    to: filters.to ? new Date(filters.to).toISOString() : undefined,
    limit: keyset.size,
    cursor: keyset.cursor,
  };
  const runs = useQuery({
    queryKey: ['runs', query],
    queryFn: () => api<Page<Run>>('/runs', { query }),
    placeholderData: keepPreviousData,
  });

  // Live: every lifecycle event of a visible run refreshes the list (at most once a second), never polling.
  const pending = useRef<number | undefined>(undefined);
  useRunEvents('/api/v1/runs/events', () => {
    if (pending.current === undefined) {
      pending.current = window.setTimeout(() => {
        pending.current = undefined;
        client.invalidateQueries({ queryKey: ['runs'] });
      }, 1000);
    }
  });
  useEffect(() => () => window.clearTimeout(pending.current), []);

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    keyset.reset();
  };
  const statuses = filters.status ? filters.status.split(',') : [];

  return (
    <>
      <div className="actions">
        <h1>Runs</h1>
        {operate && (
          <button type="button" className="primary" onClick={() => setRunNow(true)} data-testid="run-now">
            Run now…
          </button>
        )}
      </div>
      <form className="filters" aria-label="Run filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="check">
          <legend className="visually-hidden">Status</legend>
          {RUN_STATUSES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={statuses.includes(s)}
                onChange={(e) => set('status', (e.target.checked ? [...statuses, s] : statuses.filter((x) => x !== s)).join(','))}
              />
              <Badge value={s} />
            </label>
          ))}
        </fieldset>
        <label>
          Trigger
          <select value={filters.trigger} onChange={(e) => set('trigger', e.target.value)}>
            <option value="">any</option>
            <option value="SCHEDULED">scheduled</option>
            <option value="MANUAL">manual</option>
            <option value="API">API</option>
          </select>
        </label>
        <label>
          Kind
          <select value={filters.dryRun} onChange={(e) => set('dryRun', e.target.value)}>
            <option value="">any</option>
            <option value="false">real</option>
            <option value="true">dry run</option>
          </select>
        </label>
        <label>
          Policy
          <input value={filters.policyName} onChange={(e) => set('policyName', e.target.value)} placeholder="e.g. daily_5" />
        </label>
        <label>
          Tenant (project id)
          <input value={filters.tenant} onChange={(e) => set('tenant', e.target.value)} />
        </label>
        <label>
          From
          <input type="datetime-local" value={filters.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" value={filters.to} onChange={(e) => set('to', e.target.value)} />
        </label>
      </form>
      <ProblemAlert error={runs.error} showViolations />
      <DataTable
        testId="runs-table"
        caption="Runs, newest first"
        data={runs.data?.items ?? []}
        columns={columns}
        getRowId={(r) => r.id}
        empty={runs.isPending ? 'Loading…' : 'No runs match.'}
      />
      <Pager keyset={keyset} nextCursor={runs.data?.nextCursor} label="Runs" />
      {runNow && <RunNowDialog onClose={() => setRunNow(false)} />}
    </>
  );
}
