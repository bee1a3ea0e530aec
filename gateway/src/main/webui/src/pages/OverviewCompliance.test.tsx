import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { aRecord, aRun } from '../test/fixtures';
import { fakeApi, renderAt, VIEWER } from '../test/render';
import { CompliancePage } from './CompliancePage';
import { OverviewPage } from './OverviewPage';

// happy-dom has no canvas; the chart's numbers are checked in its accessible table.
vi.mock('react-chartjs-2', () => ({ Bar: () => null }));

const SUMMARY = {
  total: 7,
  byStatus: { COMPLIANT: 4, MISSING: 1, UNCOVERED: 2 },
  byTenant: [{ projectId: 'p1', projectName: 'demo-project-1', total: 7, byStatus: { COMPLIANT: 4, MISSING: 1, UNCOVERED: 2 } }],
  byPolicy: [{ policySetId: 's1', policyName: 'daily_5', total: 5, byStatus: { COMPLIANT: 4, MISSING: 1 } }],
};

describe('the overview', () => {
  it('shows compliance counts, every run of the last 24 hours (all pages) by status, the timeline and the latest failures', async () => {
    const calls = fakeApi(({ url }) => {
      switch (url.pathname) {
        case '/api/v1/compliance/summary': return { body: SUMMARY };
        case '/api/v1/runs': return url.searchParams.get('cursor') === 'page-2'
          ? { body: { items: [aRun({ id: '3', status: 'FAILED' })] } }
          : { body: { items: [aRun({ id: '1', status: 'COMPLETED' }), aRun({ id: '2', status: 'COMPLETED' })], nextCursor: 'page-2' } };
        case '/api/v1/records/failures': return { body: { items: [aRecord(1, { action: 'FAILED', error: 'quota exceeded' })] } };
        case '/api/v1/statistics': return { body: { total: 12, byAction: { CREATED: 10, FAILED: 2 }, byTenant: [], byPolicy: [] } };
        case '/api/v1/timeline': return { body: { bucket: 'hour', from: '', to: '', points: [
          { start: '2026-11-29T01:00:00Z', total: 3, counts: { CREATED: 2, FAILED: 1 } },
          { start: '2026-11-29T02:00:00Z', total: 4, counts: { CREATED: 3, DELETED: 1 } }] } };
        default: return undefined;
      }
    });
    renderAt(<OverviewPage />, { me: VIEWER });
    await waitFor(() => expect(screen.getByTestId('kpi-UNCOVERED')).toHaveTextContent('2'));
    expect(screen.getByTestId('kpi-COMPLIANT')).toHaveTextContent('4');
    // an audit-service without volume counts: the pairs only, nothing broken
    expect(screen.queryByTestId('volume-kpis')).not.toBeInTheDocument();
    expect(screen.getByTestId('coverage-explained')).toHaveTextContent('Uncovered volumes have no policy at all');
    expect(await within(screen.getByTestId('runs-24h')).findByText('completed: 2')).toBeInTheDocument();
    expect(within(screen.getByTestId('runs-24h')).getByText('failed: 1')).toBeInTheDocument();
    const timeline = await screen.findByTestId('timeline');
    const rows = within(timeline).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/2\s*0\s*1$/);
    expect(await screen.findByText('quota exceeded')).toBeInTheDocument();
    const runsCall = calls.find((c) => c.url.pathname === '/api/v1/runs')!;
    const from = Date.parse(runsCall.url.searchParams.get('from')!);
    expect(Date.now() - from).toBeGreaterThan(23.9 * 3600_000);
    expect(Date.now() - from).toBeLessThan(24.1 * 3600_000);
  });
});

describe('the overview\'s volume counts', () => {
  it('shows protected, uncovered and excluded volumes from the summary, linked to the volumes behind them', async () => {
    fakeApi(({ url }) => {
      switch (url.pathname) {
        case '/api/v1/compliance/summary': return { body: { ...SUMMARY, volumes: { total: 9, protected: 6, excluded: 1, uncovered: 2 } } };
        case '/api/v1/runs': return { body: { items: [] } };
        case '/api/v1/records/failures': return { body: { items: [] } };
        case '/api/v1/statistics': return { body: { total: 0, byAction: {}, byTenant: [], byPolicy: [] } };
        case '/api/v1/timeline': return { body: { bucket: 'hour', from: '', to: '', points: [] } };
        default: return undefined;
      }
    });
    renderAt(<OverviewPage />, { me: VIEWER });
    // before the summary answers the counts say they are coming
    expect(screen.getByTestId('kpi-protected-volumes')).toHaveTextContent('…');
    await waitFor(() => expect(screen.getByTestId('kpi-protected-volumes')).toHaveTextContent('6'));
    const protectedKpi = screen.getByRole('link', { name: /6\s*protected volumes/ });
    expect(protectedKpi).toHaveAttribute('href', '/volumes?protected=true');
    expect(screen.getByTestId('kpi-uncovered-volumes')).toHaveTextContent('2');
    expect(screen.getByRole('link', { name: /2\s*uncovered volumes/ })).toHaveAttribute('href', '/volumes?protected=false');
    expect(screen.getByTestId('kpi-excluded-volumes')).toHaveTextContent('1');
    expect(screen.getByTestId('coverage-explained')).toHaveTextContent('9 volume(s) checked.');
    // the per-status pairs stay, their UNCOVERED no longer labelled as volumes
    const pairs = screen.getByRole('group', { name: 'Volume × policy pairs by status' });
    expect(within(pairs).getByTestId('kpi-total')).toHaveTextContent('7');
    expect(within(pairs).getByTestId('kpi-UNCOVERED')).toHaveTextContent('2');
    expect(within(pairs).queryByText('uncovered volumes')).not.toBeInTheDocument();
    expect(screen.getAllByText('uncovered volumes')).toHaveLength(1);
  });
});

describe('the compliance screen', () => {
  it('filters by status on the server and exports with the same filters', async () => {
    const calls = fakeApi(({ url }) => {
      if (url.pathname === '/api/v1/compliance/summary') return { body: SUMMARY };
      if (url.pathname === '/api/v1/compliance') return { body: { items: [{ volumeId: 'v1', volumeName: 'db', projectId: 'p1', status: 'MISSING', source: 'RECORDS', policyName: 'daily_5', policySetName: 'standard' }] } };
      if (url.pathname === '/api/v1/policy-sets') return { body: { items: [] } };
      return undefined;
    });
    renderAt(<CompliancePage />, { me: VIEWER, path: '/compliance' });
    expect(await within(await screen.findByTestId('compliance-by-tenant')).findByText('demo-project-1')).toBeInTheDocument();
    expect(await within(screen.getByTestId('compliance-table')).findByTestId('badge-MISSING')).toBeInTheDocument();
    expect(within(screen.getByTestId('compliance-table')).getByTestId('expected-by')).toHaveTextContent('(inferred)');
    await userEvent.click(screen.getByRole('checkbox', { name: /MISSING/ }));
    await waitFor(() => expect(calls.filter((c) => c.url.pathname === '/api/v1/compliance').at(-1)!.url.searchParams.get('status')).toBe('MISSING'));
    expect(screen.getByTestId('export-compliance')).toHaveAttribute('href', '/api/v1/compliance/export?status=MISSING');
  });

  it('says which resolution step decided an EXCLUDED volume, why and until when', async () => {
    fakeApi(({ url }) => {
      if (url.pathname === '/api/v1/compliance/summary') return { body: SUMMARY };
      if (url.pathname === '/api/v1/compliance') return { body: { items: [{ volumeId: 'v2', volumeName: 'scratch', projectId: 'p1',
        status: 'EXCLUDED', source: 'EXCLUSION', reason: 'migration window', excludedUntil: '2026-12-24T00:00:00Z', resolvedAt: '2026-11-29T10:00:00Z' }] } };
      if (url.pathname === '/api/v1/policy-sets') return { body: { items: [] } };
      return undefined;
    });
    renderAt(<CompliancePage />, { me: VIEWER, path: '/compliance' });
    const table = await screen.findByTestId('compliance-table');
    expect(await within(table).findByTestId('badge-EXCLUDED')).toBeInTheDocument();
    const expectedBy = within(table).getByTestId('expected-by');
    expect(expectedBy).toHaveTextContent('EXCLUSION');
    expect(expectedBy).toHaveTextContent('migration window');
    expect(expectedBy).toHaveTextContent(/until .*2026/);
    expect(expectedBy).not.toHaveTextContent('inferred');
  });
});
