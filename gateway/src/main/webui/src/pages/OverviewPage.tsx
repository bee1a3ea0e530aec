import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { COMPLIANCE_STATUSES, RUN_STATUSES, type ComplianceSummary, type Page, type RecordPage, type Run, type Statistics, type Timeline } from '../api/types';
import { Badge } from '../components/Badge';
import { ProblemAlert } from '../components/ProblemAlert';
import { TimelineChart } from '../components/TimelineChart';
import { RecordsTable } from '../runs/RecordsTable';

const DAY = 24 * 3600 * 1000;

function Kpi({ label, value, to, testId, className }: {
  label: string;
  value: number | string | undefined;
  to?: string;
  testId?: string;
  className?: string;
}) {
  const body = (<><div className="value" data-testid={testId}>{value ?? '…'}</div><div className="label">{label}</div></>);
  return <div className={className ? `kpi ${className}` : 'kpi'}>{to ? <Link to={to}>{body}</Link> : body}</div>;
}

/** Every run requested since {@code since}, page by page (keyset cursor), so that the counts are never a sample. */
async function allRunsSince(since: string): Promise<Run[]> {
  const runs: Run[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<Run>>('/runs', { query: { from: since, limit: 500, cursor } });
    runs.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return runs;
}

export function OverviewPage() {
  const [bucket, setBucket] = useState<'hour' | 'day'>('hour');
  const [since] = useState(() => new Date(Date.now() - DAY).toISOString());
  const compliance = useQuery({ queryKey: ['compliance-summary', {}], queryFn: () => api<ComplianceSummary>('/compliance/summary') });
  const runs = useQuery({ queryKey: ['runs', 'last-24h', since], queryFn: () => allRunsSince(since) });
  const failures = useQuery({ queryKey: ['records', 'failures', since], queryFn: () => api<RecordPage>('/records/failures', { query: { from: since, limit: 5 } }) });
  const stats = useQuery({ queryKey: ['statistics', since], queryFn: () => api<Statistics>('/statistics', { query: { from: since } }) });
  const timeline = useQuery({
    queryKey: ['timeline', bucket],
    queryFn: () => api<Timeline>('/timeline', { query: { bucket, from: new Date(Date.now() - (bucket === 'hour' ? 2 * DAY : 30 * DAY)).toISOString() } }),
  });

  const byStatus = compliance.data?.byStatus ?? {};
  const volumes = compliance.data?.volumes ?? undefined;
  const runCounts: Record<string, number> = {};
  for (const r of runs.data ?? []) runCounts[r.status] = (runCounts[r.status] ?? 0) + 1;

  return (
    <>
      <h1>Overview</h1>
      <section aria-labelledby="coverage">
        <h2 id="coverage">Protection and compliance</h2>
        <ProblemAlert error={compliance.error} />
        {/* an audit-service without volume counts: only the pairs below */}
        {(!compliance.data || volumes) && (
          <div className="kpis primary" data-testid="volume-kpis">
            <Kpi label="protected volumes" value={volumes?.protected} to="/volumes?protected=true" testId="kpi-protected-volumes" className="kpi-protected" />
            <Kpi label="uncovered volumes" value={volumes?.uncovered} to="/volumes?protected=false" testId="kpi-uncovered-volumes" className="kpi-uncovered" />
            <Kpi label="excluded volumes" value={volumes?.excluded} to="/compliance?status=EXCLUDED" testId="kpi-excluded-volumes" />
          </div>
        )}
        {compliance.data && !volumes ? (
          <p className="muted" data-testid="coverage-explained">
            Uncovered volumes have no policy at all; see them on the <Link to="/volumes?protected=false">Volumes</Link> screen.
          </p>
        ) : (
          <p className="muted" data-testid="coverage-explained">
            {volumes && <>{volumes.total} volume(s) checked. </>}
            Protected: at least one policy that is not excluded. Excluded: kept out of every policy on purpose (an
            exclusion, or snapshots turned off). Uncovered: no policy at all. The{' '}
            <Link to="/volumes?protected=false">Volumes</Link> screen lists the volumes that are not protected (uncovered
            and excluded) and says why. Below, a volume counts once per policy it should follow.
          </p>
        )}
        <h3 id="pairs">Volume × policy pairs by status</h3>
        <div className="kpis" data-testid="compliance-kpis" aria-labelledby="pairs" role="group">
          <Kpi label="volume × policy pairs checked" value={compliance.data?.total} to="/compliance" testId="kpi-total" />
          {COMPLIANCE_STATUSES.map((s) => (
            <Kpi key={s} label={s === 'UNCOVERED' ? 'uncovered (no policy)' : s.replace('_', ' ').toLowerCase()} value={compliance.data ? byStatus[s] ?? 0 : undefined}
              to={`/compliance?status=${s}`} testId={`kpi-${s}`} />
          ))}
        </div>
      </section>
      <section aria-labelledby="runs24">
        <h2 id="runs24">Runs of the last 24 hours</h2>
        <ProblemAlert error={runs.error} />
        <div className="actions" data-testid="runs-24h">
          {RUN_STATUSES.filter((s) => runCounts[s]).map((s) => (
            <Link key={s} to={`/runs?status=${s}`}><Badge value={s} label={`${s.toLowerCase()}: ${runCounts[s]}`} /></Link>
          ))}
          {runs.data && Object.keys(runCounts).length === 0 && <span className="muted">No runs.</span>}
        </div>
        {stats.data && (
          <p className="muted" data-testid="stats-24h">
            {stats.data.total} volume actions: {Object.entries(stats.data.byAction).map(([a, n]) => `${a.toLowerCase().replace('_', ' ')} ${n}`).join(', ') || 'none'}.
          </p>
        )}
      </section>
      <section aria-labelledby="timeline-title">
        <div className="actions">
          <h2 id="timeline-title">Snapshots over time</h2>
          <label>
            Per{' '}
            <select value={bucket} onChange={(e) => setBucket(e.target.value as 'hour' | 'day')}>
              <option value="hour">hour (last 48 hours)</option>
              <option value="day">day (last 30 days)</option>
            </select>
          </label>
        </div>
        <ProblemAlert error={timeline.error} />
        <div className="panel">{timeline.data?.points ? <TimelineChart timeline={timeline.data} /> : <p role="status">Loading…</p>}</div>
      </section>
      <section aria-labelledby="failures">
        <h2 id="failures">Latest failures</h2>
        <ProblemAlert error={failures.error} />
        <RecordsTable records={failures.data?.items ?? []} caption="Latest failures" empty={failures.isPending ? 'Loading…' : 'No failures in the last 24 hours.'} />
        <p><Link to="/audit?action=FAILED,DELETE_FAILED,QUOTA_BLOCKED">All failures in the audit trail</Link></p>
      </section>
    </>
  );
}
