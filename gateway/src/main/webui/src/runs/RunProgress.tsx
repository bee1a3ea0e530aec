import type { Run } from '../api/types';
import { Badge } from '../components/Badge';
import { dateTime, duration } from '../components/format';
import type { StreamState } from './useRunEvents';

const STREAM_LABEL: Record<StreamState, string> = {
  connecting: 'connecting to live updates…',
  live: 'live',
  reconnecting: 'connection lost, reconnecting…',
  closed: '',
};

/** A run's progress: bar, counters, batches and ETA, as the latest lifecycle event (or GET) says. */
export function RunProgress({ run, stream }: { run: Run; stream?: StreamState }) {
  const c = run.counters;
  const dry = run.dryRun;
  const items: [string, string, number | undefined][] = [
    ['total', 'Volumes', c?.totalVolumes],
    ['created', dry ? 'Would create' : 'Created', c?.created],
    ['deleted', dry ? 'Would delete' : 'Deleted', c?.deleted],
    ['failed', 'Failed', c?.failed],
    ['skipped', 'Skipped', c?.skipped],
    ['quotaBlocked', 'Quota-blocked', c?.quotaBlocked],
  ];
  return (
    <section aria-label="Progress" className="panel" data-testid="run-progress">
      <div className="actions">
        <Badge value={run.status} />
        {dry && <Badge value="DRY_RUN" label="dry run" />}
        {stream && STREAM_LABEL[stream] && (
          <span className="muted" data-testid="stream-state" aria-live="polite">{STREAM_LABEL[stream]}</span>
        )}
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={run.progressPercent}
        data-testid="progress-bar"
      >
        <div style={{ width: `${run.progressPercent}%` }} />
      </div>
      <p>
        <strong data-testid="progress-percent">{run.progressPercent}%</strong>
        {c && c.batchesTotal > 0 && (
          <span className="muted"> · batches {c.batchesCompleted} / {c.batchesTotal}</span>
        )}
        {run.eta && <span className="muted" data-testid="eta"> · ETA {dateTime(run.eta)}</span>}
        {run.durationMs != null && <span className="muted"> · took {duration(run.durationMs)}</span>}
      </p>
      <dl className="counters">
        {items.map(([key, label, value]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-testid={`counter-${key}`}>{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
      {run.statusReason && <p className="alert alert-info">Reason: {run.statusReason}</p>}
      {run.errorSummary && <p className="alert alert-error">Latest errors: {run.errorSummary}</p>}
    </section>
  );
}

/** Applies a lifecycle event to a run (each event carries the whole current state). */
export function applyEvent<T extends Run>(run: T, e: import('../api/types').RunLifecycle): T {
  return {
    ...run,
    status: e.status,
    counters: e.counters ?? run.counters,
    progressPercent: e.progressPercent,
    eta: e.eta ?? null,
    startedAt: e.startedAt ?? run.startedAt,
    finishedAt: e.finishedAt ?? run.finishedAt,
    durationMs: e.durationMs ?? run.durationMs,
    statusReason: e.reason ?? run.statusReason,
  };
}
