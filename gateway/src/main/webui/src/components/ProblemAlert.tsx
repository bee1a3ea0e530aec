import { ApiError, describe } from '../api/client';

/** An API error as the problem body says it: title and detail, and field errors when not shown next to fields. */
export function ProblemAlert({ error, showViolations = false }: { error: unknown; showViolations?: boolean }) {
  if (!error) return null;
  const { title, detail } = describe(error);
  const violations = error instanceof ApiError ? error.problem.violations ?? [] : [];
  const conflictingId = error instanceof ApiError ? error.problem.conflictingId : undefined;
  return (
    <div className="alert alert-error" role="alert" data-testid="problem">
      <strong>{title}</strong>
      {detail && <span> — {detail}</span>}
      {conflictingId && <div className="muted">Conflicting: <code>{String(conflictingId)}</code></div>}
      {showViolations && violations.length > 0 && (
        <ul>
          {violations.map((v) => (
            <li key={v.field + v.message}>
              <code>{v.field}</code>: {v.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
