const TONES: Record<string, string> = {
  COMPLETED: 'ok', CREATED: 'ok', COMPLIANT: 'ok', WOULD_CREATE: 'info', WOULD_DELETE: 'info', DELETED: 'neutral',
  RUNNING: 'info', PLANNING: 'info', REQUESTED: 'info', PENDING: 'info',
  PARTIAL: 'warn', SKIPPED: 'neutral', MISSED: 'warn', QUOTA_BLOCKED: 'warn', CANCELLED: 'neutral', EXCLUDED: 'neutral',
  EXPIRED: 'neutral', FAILED: 'bad', DELETE_FAILED: 'bad', MISSING: 'bad', UNCOVERED: 'bad',
};

/** A status, action or compliance badge; the text is the value itself (never colour alone). */
export function Badge({ value, label }: { value: string; label?: string }) {
  return (
    <span className={`badge badge-${TONES[value] ?? 'neutral'}`} data-testid={`badge-${value}`}>
      {label ?? value.replace(/_/g, ' ')}
    </span>
  );
}
