import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useAbilities } from '../api/me';
import type { Exclusion, Page } from '../api/types';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { ConfirmDialog } from '../components/Dialog';
import { FilterForm, useUrlFilters, type FilterField } from '../components/FilterForm';
import { dateTime } from '../components/format';
import { Pager, useKeyset } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';

const FIELDS: FilterField[] = [
  { name: 'projectId', label: 'Project id' },
  { name: 'includeExpired', label: 'Show', type: 'select', options: [['', 'active only'], ['true', 'active and expired']] },
];
const col = createColumnHelper<Exclusion>();

export function ExclusionsPage() {
  const { operate } = useAbilities();
  const client = useQueryClient();
  const { values, apply } = useUrlFilters(FIELDS.map((f) => f.name));
  const keyset = useKeyset(25);
  const [removing, setRemoving] = useState<Exclusion | null>(null);
  const list = useQuery({
    queryKey: ['exclusions', values, keyset.cursor, keyset.size],
    queryFn: () => api<Page<Exclusion>>('/exclusions', { query: { ...values, limit: keyset.size, cursor: keyset.cursor } }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (e: Exclusion) => api<void>(`/exclusions/${encodeURIComponent(e.volumeId)}`, { method: 'DELETE', headers: { 'If-Match': `"${e.version}"` } }),
    onSuccess: () => {
      setRemoving(null);
      client.invalidateQueries({ queryKey: ['exclusions'] });
    },
  });
  const columns = [
    col.accessor((e) => e.volumeName || e.volumeId, { id: 'volume', header: 'Volume' }),
    col.accessor((e) => e.projectName || e.projectId, { id: 'project', header: 'Project' }),
    col.accessor('reason', { header: 'Reason' }),
    col.accessor('expiresAt', { header: 'Expires', cell: (c) => (c.getValue() ? dateTime(c.getValue()) : 'never') }),
    col.accessor('active', { header: 'State', cell: (c) => <Badge value={c.getValue() ? 'EXCLUDED' : 'EXPIRED'} label={c.getValue() ? 'active' : 'expired'} /> }),
    col.accessor((e) => `${dateTime(e.createdAt)} ${e.createdBy ?? ''}`, { id: 'created', header: 'Created' }),
    ...(operate
      ? [col.display({
          id: 'actions',
          header: 'Actions',
          cell: (c) => (
            <button type="button" className="danger" onClick={() => setRemoving(c.row.original)} aria-label={`Remove exclusion of ${c.row.original.volumeName || c.row.original.volumeId}`}>
              Remove
            </button>
          ),
        })]
      : []),
  ];
  return (
    <>
      <h1>Exclusions</h1>
      <p className="muted">An active exclusion keeps a volume out of every policy. Exclude from the <Link to="/volumes">Volumes</Link> screen.</p>
      <FilterForm fields={FIELDS} values={values} onApply={(v) => { keyset.reset(); apply(v); }} label="Exclusion filters" />
      <ProblemAlert error={list.error} showViolations />
      <DataTable testId="exclusions-table" caption="Exclusions" data={list.data?.items ?? []} columns={columns} getRowId={(e) => e.volumeId} empty={list.isPending ? 'Loading…' : 'No exclusions match.'} />
      <Pager keyset={keyset} nextCursor={list.data?.nextCursor} label="Exclusions" />
      {removing && (
        <ConfirmDialog title="Remove this exclusion?" confirmLabel="Remove" busy={remove.isPending} onCancel={() => { setRemoving(null); remove.reset(); }} onConfirm={() => remove.mutate(removing)}>
          <p>{removing.volumeName || removing.volumeId} gets policies again from assignments, metadata, rules or auto-apply sets.</p>
          <ProblemAlert error={remove.error} />
        </ConfirmDialog>
      )}
    </>
  );
}
