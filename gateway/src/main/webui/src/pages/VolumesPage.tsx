import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { api } from '../api/client';
import { useAbilities } from '../api/me';
import type { Page, Volume } from '../api/types';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { Dialog } from '../components/Dialog';
import { FilterForm, useUrlFilters, type FilterField } from '../components/FilterForm';
import { Pager, useKeyset } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';
import { AssignDialog, ExcludeDialog } from '../volumes/BulkDialogs';
import { STEP_WORDS, Why } from '../volumes/Why';

const FIELDS: FilterField[] = [
  { name: 'q', label: 'Search', placeholder: 'name or id' },
  { name: 'projectId', label: 'Project id' },
  { name: 'domainId', label: 'Domain id' },
  { name: 'serverId', label: 'VM id' },
  { name: 'status', label: 'Status', placeholder: 'e.g. in-use' },
  { name: 'protected', label: 'Protection', type: 'select', options: [['', 'any'], ['true', 'protected'], ['false', 'not protected']] },
  { name: 'policySetId', label: 'Policy set id' },
  { name: 'policyName', label: 'Policy' },
];

const col = createColumnHelper<Volume>();

export function VolumesPage() {
  const { operate } = useAbilities();
  const { values, apply } = useUrlFilters(FIELDS.map((f) => f.name));
  const keyset = useKeyset(25);
  const [selected, setSelected] = useState<Record<string, Volume>>({});
  const [why, setWhy] = useState<Volume | null>(null);
  const [dialog, setDialog] = useState<'assign' | 'exclude' | null>(null);
  const volumes = useQuery({
    queryKey: ['volumes', values, keyset.cursor, keyset.size],
    queryFn: () => api<Page<Volume>>('/volumes', { query: { ...values, limit: keyset.size, cursor: keyset.cursor } }),
    placeholderData: keepPreviousData,
  });
  const items = volumes.data?.items ?? [];
  const rowSelection = Object.fromEntries(items.filter((v) => selected[v.id]).map((v) => [v.id, true]));
  const onSelection = (next: Record<string, boolean>) => {
    const copy = { ...selected };
    for (const v of items) {
      if (next[v.id]) copy[v.id] = v;
      else delete copy[v.id];
    }
    setSelected(copy);
  };
  const chosen = Object.values(selected);

  const columns = [
    col.accessor((v) => v.name || v.id, { id: 'name', header: 'Volume', cell: (c) => <span title={c.row.original.id}>{c.getValue()}</span> }),
    col.accessor((v) => v.projectName || v.projectId, { id: 'project', header: 'Project' }),
    col.accessor('sizeGb', { header: 'Size', cell: (c) => `${c.getValue()} GB` }),
    col.accessor('volumeType', { header: 'Type', cell: (c) => c.getValue() ?? '—' }),
    col.accessor('status', { header: 'Status', cell: (c) => c.getValue() ?? '—' }),
    col.accessor((v) => v.serverName || '—', { id: 'vm', header: 'VM' }),
    col.accessor('isProtected', {
      header: 'Protected',
      cell: (c) => <Badge value={c.getValue() ? 'COMPLIANT' : 'UNCOVERED'} label={c.getValue() ? 'protected' : 'not protected'} />,
    }),
    col.accessor((v) => v.resolution?.policies?.map((p) => p.policyName).join(', ') || '—', { id: 'policies', header: 'Policies' }),
    col.display({
      id: 'why',
      header: 'Why',
      cell: (c) => (
        <button type="button" onClick={() => setWhy(c.row.original)} aria-label={`Why: ${c.row.original.name || c.row.original.id}`}>
          {STEP_WORDS[c.row.original.resolution?.decidedBy] ?? 'why?'}
        </button>
      ),
    }),
  ];

  return (
    <>
      <h1>Volumes</h1>
      <FilterForm fields={FIELDS} values={values} onApply={(v) => { keyset.reset(); apply(v); }} label="Volume filters" />
      {operate && (
        <div className="actions" aria-label="Selection">
          <span data-testid="selected-count">{chosen.length} selected</span>
          <button type="button" disabled={!chosen.length} onClick={() => setDialog('assign')} data-testid="assign-selected">Assign…</button>
          <button type="button" disabled={!chosen.length} onClick={() => setDialog('exclude')} data-testid="exclude-selected">Exclude…</button>
          <button type="button" disabled={!chosen.length} onClick={() => setSelected({})}>Clear selection</button>
        </div>
      )}
      <ProblemAlert error={volumes.error} showViolations />
      <DataTable
        testId="volumes-table"
        caption="Volumes with their effective policies"
        data={items}
        columns={columns}
        getRowId={(v) => v.id}
        selection={operate ? rowSelection : undefined}
        onSelectionChange={operate ? onSelection : undefined}
        empty={volumes.isPending ? 'Loading…' : 'No volumes match.'}
      />
      <Pager keyset={keyset} nextCursor={volumes.data?.nextCursor} label="Volumes" />
      {why && (
        <Dialog title={`Why: ${why.name || why.id}`} onClose={() => setWhy(null)}>
          <Why resolution={why.resolution} />
          <button type="button" onClick={() => setWhy(null)}>Close</button>
        </Dialog>
      )}
      {dialog === 'assign' && <AssignDialog volumes={chosen} onClose={() => { setDialog(null); setSelected({}); }} />}
      {dialog === 'exclude' && <ExcludeDialog volumes={chosen} onClose={() => { setDialog(null); setSelected({}); }} />}
    </>
  );
}
