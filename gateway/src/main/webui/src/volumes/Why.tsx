import type { DecidingStep, Resolution } from '../api/types';
import { retentionInWords } from '../components/format';

export const STEP_WORDS: Record<DecidingStep, string> = {
  EXCLUSION: 'an exclusion',
  ASSIGNMENT: 'an explicit assignment',
  METADATA: 'Cinder volume metadata',
  RULE: 'an assignment rule',
  TENANT_SET: "the tenant's auto-apply set",
  GLOBAL_SET: 'the global auto-apply set',
  UNCOVERED: 'nothing (uncovered)',
};

/** Why a volume has the policies it has: the deciding step of the resolution, what decided, and the result. */
export function Why({ resolution }: { resolution: Resolution }) {
  const r = resolution;
  return (
    <div data-testid="why">
      <p>
        Decided by <strong data-testid="decided-by">{STEP_WORDS[r.decidedBy] ?? r.decidedBy}</strong>
        {r.ruleName && <> — rule <strong>{r.ruleName}</strong></>}
        {r.policySetName && <> — set <strong>{r.policySetName}</strong></>}
        {r.reason && <>: {r.reason}</>}
      </p>
      {r.policies.length > 0 ? (
        <ul>
          {r.policies.map((p) => (
            <li key={`${p.policySetId}/${p.policyName}`}>
              <strong>{p.policyName}</strong> <span className="muted">({p.policySetName})</span>:{' '}
              {retentionInWords(p.retention)}
              {p.retentionSource && p.retentionSource !== 'POLICY' && (
                <span className="muted"> (retention from {p.retentionSource === 'ASSIGNMENT' ? 'the assignment' : 'metadata'})</span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No policy applies.</p>
      )}
      {r.warnings && r.warnings.length > 0 && (
        <ul className="field-error">
          {r.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
    </div>
  );
}
