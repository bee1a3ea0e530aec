import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { api, queryString } from '../api/client';
import { COMPLIANCE_STATUSES, type ComplianceEntry, type ComplianceGroup, type ComplianceSummary, type Page } from '../api/types';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { FilterForm, useUrlFilters, type FilterField } from '../components/FilterForm';
import { dateTime, duration } from '../components/format';
import { Pager, useKeyset } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSetNames } from '../components/useSetNames';

const FIELDS: FilterField[] = [
  { name: 'projectId', label: 'Project id(s)', placeholder: 'comma-separated' },
  { name: 'policy', label: 'Policy' },
  { name: 'policySetId', label: 'Policy set id' },
];
const col = createColumnHelper<ComplianceEntry>();

/** The step that decided (resolved by policy-service) or how audit-service inferred it, with the reason. */
function ExpectedBy({ entry }: { entry: ComplianceEntry }) {
  return (
    <span data-testid="expected-by">
      {entry.source ?? '—'}
      {!entry.resolvedAt && entry.source && <span className="muted"> (inferred)</span>}
      {entry.reason && <><br /><span className="muted">{entry.reason}</span></>}
      {entry.excludedUntil && <><br /><span className="muted">until {dateTime(entry.excludedUntil)}</span></>}
    </span>
  );
}
const columns = [
  col.accessor((e) => e.volumeName || e.volumeId, { id: 'volume', header: 'Volume' }),
  col.accessor((e) => e.projectName || e.projectId, { id: 'project', header: 'Project' }),
  col.accessor((e) => (e.policyName ? `${e.policyName} (${e.policySetName ?? ''})` : '—'), { id: 'policy', header: 'Policy' }),
  col.accessor('status', { header: 'Status', cell: (c) => <Badge value={c.getValue()} /> }),
  col.accessor('source', { header: 'Expected by', cell: (c) => <ExpectedBy entry={c.row.original} /> }),
  col.accessor('intervalSeconds', { header: 'Interval', cell: (c) => (c.getValue() ? duration(c.getValue()! * 1000) : '—') }),
  col.accessor('lastSnapshotAt', { header: 'Last snapshot', cell: (c) => dateTime(c.getValue()) }),
  col.accessor('lastAttemptAt', { header: 'Last attempt', cell: (c) => `${dateTime(c.getValue())} ${c.row.original.lastAttemptAction ?? ''}` }),
];

function GroupTable({ groups, title, name, testId }: { groups: ComplianceGroup[]; title: string; name: (g: ComplianceGroup) => string; testId: string }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption>{title}</caption>
        <thead>
          <tr><th scope="col">{title.split(' ').pop()}</th><th scope="col">Total</th>{COMPLIANCE_STATUSES.map((s) => <th key={s} scope="col">{s.replace('_', ' ')}</th>)}</tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={name(g) + (g.policySetId ?? '')}>
              <th scope="row">{name(g)}</th><td>{g.total}</td>
              {COMPLIANCE_STATUSES.map((s) => <td key={s}>{g.byStatus[s] ?? 0}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CompliancePage() {
  const { values, apply: setFilters } = useUrlFilters([...FIELDS.map((f) => f.name), 'status']);
  const keyset = useKeyset(50);
  const setName = useSetNames();
  const apply = (v: Record<string, string>) => {
    keyset.reset();
    setFilters(v);
  };
  const filters = { ...values, projectId: values.projectId ? values.projectId.split(',').map((s) => s.trim()) : undefined };
  const summary = useQuery({ queryKey: ['compliance-summary', filters], queryFn: () => api<ComplianceSummary>('/compliance/summary', { query: filters }) });
  const entries = useQuery({
    queryKey: ['compliance', filters, keyset.cursor, keyset.size],
    queryFn: () => api<Page<ComplianceEntry>>('/compliance', { query: { ...filters, limit: keyset.size, cursor: keyset.cursor } }),
    placeholderData: keepPreviousData,
  });
  const statuses = values.status ? values.status.split(',') : [];
  return (
    <>
      <h1>Compliance</h1>
      <FilterForm fields={FIELDS} values={values} onApply={(v) => apply({ ...values, ...v })} label="Compliance filters" />
      <fieldset className="filters">
        <legend>Status</legend>
        {COMPLIANCE_STATUSES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={statuses.includes(s)}
              onChange={(e) => apply({ ...values, status: (e.target.checked ? [...statuses, s] : statuses.filter((x) => x !== s)).join(',') })}
            />
            <Badge value={s} /> {summary.data ? <span className="muted">{summary.data.byStatus[s] ?? 0}</span> : null}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <a className="button" href={`/api/v1/compliance/export${queryString(filters)}`} download data-testid="export-compliance">Export CSV</a>
        {summary.data && <span className="muted" data-testid="compliance-total">{summary.data.total} volume × policy pair(s)</span>}
      </div>
      <ProblemAlert error={summary.error ?? entries.error} showViolations />
      {summary.data && (
        <div className="cards">
          <GroupTable groups={summary.data.byTenant} title="Per tenant" name={(g) => g.projectName || g.projectId || '—'} testId="compliance-by-tenant" />
          <GroupTable groups={summary.data.byPolicy} title="Per policy" name={(g) => `${g.policyName} (${setName(g.policySetId)})`} testId="compliance-by-policy" />
        </div>
      )}
      <h2>Volumes and policies</h2>
      <DataTable testId="compliance-table" caption="Compliance per volume and policy" data={entries.data?.items ?? []} columns={columns}
        getRowId={(e) => `${e.volumeId}|${e.policySetId ?? ''}|${e.policyName ?? ''}`} empty={entries.isPending ? 'Loading…' : 'Nothing matches.'} />
      <Pager keyset={keyset} nextCursor={entries.data?.nextCursor} label="Compliance" sizes={[25, 50, 100, 250]} />
    </>
  );
}
