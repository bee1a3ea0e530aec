import type { Policy } from '../api/types';
import { cronInWords, retentionInWords } from '../components/format';

/** One policy in words: schedule (and its zone), retention as keep-last / max-age, missed-run mode. */
export function PolicySummary({ policy }: { policy: Policy }) {
  return (
    <div data-testid={`policy-${policy.name}`}>
      <strong>{policy.name}</strong>
      {!policy.enabled && <span className="badge badge-neutral"> disabled</span>}
      <div>
        {cronInWords(policy.cron)} <span className="muted">({policy.timeZone}; <code>{policy.cron}</code>)</span>
      </div>
      <div data-testid={`retention-${policy.name}`}>
        Retention: {retentionInWords({ keepLast: policy.keepLast, maxAge: policy.maxAge })}
      </div>
      <div className="muted">Missed runs: {policy.missedRunMode === 'RUN_ONCE' ? 'run once to catch up' : 'skip'}</div>
    </div>
  );
}
