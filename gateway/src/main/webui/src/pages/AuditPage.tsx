import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, queryString } from '../api/client';
import { VOLUME_ACTIONS, type RecordPage } from '../api/types';
import { Badge } from '../components/Badge';
import { FilterForm, useUrlFilters, type FilterField } from '../components/FilterForm';
import { Pager, useKeyset } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';
import { RecordsTable } from '../runs/RecordsTable';

const FIELDS: FilterField[] = [
  { name: 'q', label: 'Search', placeholder: 'names, ids, reasons, errors' },
  { name: 'from', label: 'From', type: 'datetime-local' },
  { name: 'to', label: 'To', type: 'datetime-local' },
  { name: 'projectId', label: 'Project id' },
  { name: 'projectName', label: 'Project name' },
  { name: 'domainId', label: 'Domain id' },
  { name: 'domainName', label: 'Domain name' },
  { name: 'serverId', label: 'VM id' },
  { name: 'serverName', label: 'VM name' },
  { name: 'volumeId', label: 'Volume id' },
  { name: 'volumeName', label: 'Volume name' },
  { name: 'snapshotId', label: 'Snapshot id' },
  { name: 'policySetId', label: 'Policy set id' },
  { name: 'policy', label: 'Policy', placeholder: 'e.g. daily_5' },
  { name: 'runId', label: 'Run id' },
  { name: 'dryRun', label: 'Kind', type: 'select', options: [['', 'any'], ['false', 'real'], ['true', 'dry run']] },
];
const NAMES = [...FIELDS.map((f) => f.name), 'action', 'sort'];

/** The API's filters from the URL's: times as ISO instants, actions as a list. */
function apiFilters(values: Record<string, string>) {
  const iso = (v: string) => (v ? new Date(v).toISOString() : undefined);
  return {
    ...values,
    from: iso(values.from),
    to: iso(values.to),
    action: values.action ? values.action.split(',') : undefined,
    sort: values.sort || 'desc',
  };
}

export function AuditPage() {
  const { values, apply: setFilters } = useUrlFilters(NAMES);
  const [params] = useSearchParams();
  const keyset = useKeyset(25);
  const filters = apiFilters(values);
  const apply = (next: Record<string, string>) => {
    keyset.reset();
    setFilters(next);
  };
  const records = useQuery({
    queryKey: ['records', filters, keyset.cursor, keyset.size],
    queryFn: () => api<RecordPage>('/records', { query: { ...filters, limit: keyset.size, cursor: keyset.cursor, includeTotal: true } }),
    placeholderData: keepPreviousData,
  });
  const actions = values.action ? values.action.split(',') : [];
  const toggle = (a: string, on: boolean) => apply({ ...values, action: (on ? [...actions, a] : actions.filter((x) => x !== a)).join(',') });
  const exportUrl = `/api/v1/records/export${queryString({ ...filters, format: 'csv' })}`;

  return (
    <>
      <h1>Audit trail</h1>
      <FilterForm fields={FIELDS} values={values} onApply={(v) => apply({ ...values, ...v })} label="Record filters" />
      <fieldset className="filters">
        <legend>Actions</legend>
        {VOLUME_ACTIONS.map((a) => (
          <label key={a} className="check">
            <input type="checkbox" checked={actions.includes(a)} onChange={(e) => toggle(a, e.target.checked)} />
            <Badge value={a} />
          </label>
        ))}
        <label>
          Order
          <select value={values.sort || 'desc'} onChange={(e) => apply({ ...values, sort: e.target.value })} aria-label="Sort by time">
            <option value="desc">newest first</option>
            <option value="asc">oldest first</option>
          </select>
        </label>
      </fieldset>
      <div className="actions">
        <a className="button" href={exportUrl} download data-testid="export-csv">Export CSV (all matching records)</a>
        {records.data?.total !== undefined && (
          <span className="muted" data-testid="records-total">
            {records.data.total}{records.data.totalCapped ? '+' : ''} matching record(s)
          </span>
        )}
        {params.toString() && <span className="muted">filters are in the address: share or bookmark it</span>}
      </div>
      <ProblemAlert error={records.error} showViolations />
      <RecordsTable records={records.data?.items ?? []} caption="Audit records" empty={records.isPending ? 'Loading…' : 'No records match.'} />
      <Pager keyset={keyset} nextCursor={records.data?.nextCursor} label="Records" />
    </>
  );
}
