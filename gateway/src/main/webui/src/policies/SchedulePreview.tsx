import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client';
import type { SchedulePreview as Preview } from '../api/types';
import { ProblemAlert } from '../components/ProblemAlert';

const USER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The next fire times of a cron in its zone, shown in the policy's zone and the user's, from the API's preview. */
export function SchedulePreview({ cron, timeZone, label }: { cron: string; timeZone: string; label: string }) {
  const preview = useMutation({
    mutationFn: () => api<Preview>('/schedule-previews', { method: 'POST', body: { cron, timeZone: timeZone || 'UTC', count: 5 } }),
  });
  return (
    <div>
      <button type="button" onClick={() => preview.mutate()} disabled={!cron} aria-label={`Preview next fire times of ${label}`}>
        Preview next fire times
      </button>
      <ProblemAlert error={preview.error} showViolations />
      {preview.data && (
        <table data-testid={`preview-${label}`}>
          <caption className="visually-hidden">Next fire times of {label}</caption>
          <thead>
            <tr>
              <th scope="col">In {preview.data.timeZone}</th>
              <th scope="col">In your zone ({USER_ZONE})</th>
            </tr>
          </thead>
          <tbody>
            {preview.data.fireTimes.map((f) => (
              <tr key={f.utc}>
                <td>{f.local.replace('T', ' ')}</td>
                <td>{new Date(f.utc).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
