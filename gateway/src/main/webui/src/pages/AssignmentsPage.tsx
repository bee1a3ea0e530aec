import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useAbilities } from '../api/me';
import type { Assignment, Page } from '../api/types';
import { DataTable } from '../components/DataTable';
import { ConfirmDialog } from '../components/Dialog';
import { FilterForm, useUrlFilters, type FilterField } from '../components/FilterForm';
import { dateTime, retentionInWords } from '../components/format';
import { Pager, useKeyset } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSetNames } from '../components/useSetNames';

const FIELDS: FilterField[] = [
  { name: 'projectId', label: 'Project id' },
  { name: 'domainId', label: 'Domain id' },
  { name: 'serverId', label: 'VM id' },
  { name: 'policySetId', label: 'Policy set id' },
  { name: 'source', label: 'Source', type: 'select', options: [['', 'any'], ['MANUAL', 'manual'], ['API', 'API'], ['BULK', 'bulk']] },
  { name: 'autoSnapshot', label: 'Snapshots', type: 'select', options: [['', 'any'], ['true', 'opted in'], ['false', 'opted out']] },
];
const col = createColumnHelper<Assignment>();

export function AssignmentsPage() {
  const { operate } = useAbilities();
  const setName = useSetNames();
  const client = useQueryClient();
  const { values, apply } = useUrlFilters(FIELDS.map((f) => f.name));
  const keyset = useKeyset(25);
  const [removing, setRemoving] = useState<Assignment | null>(null);
  const list = useQuery({
    queryKey: ['assignments', values, keyset.cursor, keyset.size],
    queryFn: () => api<Page<Assignment>>('/assignments', { query: { ...values, limit: keyset.size, cursor: keyset.cursor } }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (a: Assignment) => api<void>(`/assignments/${encodeURIComponent(a.volumeId)}`, { method: 'DELETE', headers: { 'If-Match': `"${a.version}"` } }),
    onSuccess: () => {
      setRemoving(null);
      client.invalidateQueries({ queryKey: ['assignments'] });
    },
  });
  const columns = [
    col.accessor((a) => a.volumeName || a.volumeId, { id: 'volume', header: 'Volume' }),
    col.accessor((a) => a.projectName || a.projectId, { id: 'project', header: 'Project' }),
    col.accessor((a) => a.serverName || '—', { id: 'vm', header: 'VM' }),
    col.accessor('policySetId', {
      header: 'Policy set',
      cell: (c) => (c.getValue() ? <Link to={`/policy-sets/${c.getValue()}`}>{setName(c.getValue())}</Link> : '—'),
    }),
    col.accessor((a) => (a.policyNames?.length ? a.policyNames.join(', ') : 'all'), { id: 'policies', header: 'Policies' }),
    col.accessor('retentionOverrides', {
      header: 'Retention overrides',
      cell: (c) => Object.entries(c.getValue() ?? {}).map(([p, r]) => `${p}: ${retentionInWords(r)}`).join('; ') || '—',
    }),
    col.accessor('autoSnapshot', { header: 'Snapshots', cell: (c) => (c.getValue() ? 'opted in' : 'opted out') }),
    col.accessor('source', { header: 'Source' }),
    col.accessor((a) => a.updatedAt ?? a.createdAt, { id: 'updated', header: 'Changed', cell: (c) => `${dateTime(c.getValue())} ${c.row.original.updatedBy ?? c.row.original.createdBy ?? ''}` }),
    ...(operate
      ? [col.display({
          id: 'actions',
          header: 'Actions',
          cell: (c) => (
            <button type="button" className="danger" onClick={() => setRemoving(c.row.original)} aria-label={`Remove assignment of ${c.row.original.volumeName || c.row.original.volumeId}`}>
              Remove
            </button>
          ),
        })]
      : []),
  ];
  return (
    <>
      <h1>Assignments</h1>
      <p className="muted">Explicit assignments decide a volume's policies before metadata, rules and auto-apply sets. Assign from the <Link to="/volumes">Volumes</Link> screen.</p>
      <FilterForm fields={FIELDS} values={values} onApply={(v) => { keyset.reset(); apply(v); }} label="Assignment filters" />
      <ProblemAlert error={list.error} showViolations />
      <DataTable testId="assignments-table" caption="Assignments" data={list.data?.items ?? []} columns={columns} getRowId={(a) => a.volumeId} empty={list.isPending ? 'Loading…' : 'No assignments match.'} />
      <Pager keyset={keyset} nextCursor={list.data?.nextCursor} label="Assignments" />
      {removing && (
        <ConfirmDialog title="Remove this assignment?" confirmLabel="Remove" busy={remove.isPending} onCancel={() => { setRemoving(null); remove.reset(); }} onConfirm={() => remove.mutate(removing)}>
          <p>{removing.volumeName || removing.volumeId} then gets its policies from metadata, rules or an auto-apply set, or becomes uncovered.</p>
          <ProblemAlert error={remove.error} />
        </ConfirmDialog>
      )}
    </>
  );
}
