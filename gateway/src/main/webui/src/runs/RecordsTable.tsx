import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { AuditRecord } from '../api/types';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { dateTime, retentionInWords, shortId } from '../components/format';

const col = createColumnHelper<AuditRecord>();
const columns = [
  col.accessor('occurredAt', { header: 'Time', cell: (c) => dateTime(c.getValue()) }),
  col.accessor('action', {
    header: 'Action',
    cell: (c) => (
      <>
        <Badge value={c.getValue()} />
        {c.row.original.dryRun && <span className="muted"> (dry)</span>}
      </>
    ),
  }),
  col.accessor((r) => r.volume?.name || r.volume?.id, {
    id: 'volume',
    header: 'Volume',
    cell: (c) => (
      <span title={c.row.original.volume?.id}>
        {c.getValue()} <span className="muted">{c.row.original.volume?.sizeGb} GB</span>
      </span>
    ),
  }),
  col.accessor((r) => r.tenant?.projectName || r.tenant?.projectId || '—', { id: 'project', header: 'Project' }),
  col.accessor((r) => r.server?.name || '—', { id: 'vm', header: 'VM' }),
  col.accessor((r) => r.policy?.policyName || '—', { id: 'policy', header: 'Policy' }),
  col.accessor((r) => r.snapshot?.name || r.snapshot?.id || '—', { id: 'snapshot', header: 'Snapshot' }),
  col.accessor('retention', { header: 'Retention', cell: (c) => retentionInWords(c.getValue()) }),
  col.accessor((r) => [r.reason, r.error].filter(Boolean).join(' — '), {
    id: 'details',
    header: 'Reason / error',
    cell: (c) => (c.row.original.error ? <span className="field-error">{c.getValue()}</span> : c.getValue() || '—'),
  }),
  col.accessor('runId', {
    header: 'Run',
    cell: (c) => (c.getValue() ? <Link to={`/runs/${c.getValue()}`}>{shortId(c.getValue())}</Link> : '—'),
  }),
];

export function RecordsTable({ records, caption, empty, hideRun }: {
  records: AuditRecord[];
  caption: string;
  empty?: string;
  hideRun?: boolean;
}) {
  return (
    <DataTable
      testId="records-table"
      caption={caption}
      data={records}
      columns={hideRun ? columns.filter((c) => c.id !== 'runId' && (c as { accessorKey?: string }).accessorKey !== 'runId') : columns}
      getRowId={(r) => r.id}
      empty={empty}
    />
  );
}
