import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aRecord } from '../test/fixtures';
import { fakeApi, fill, renderAt, VIEWER } from '../test/render';
import { AuditPage } from './AuditPage';

describe('the audit trail', () => {
  it('filters on the server, pages with cursors at 10/25/50/100 and exports CSV with the same filters', async () => {
    const calls = fakeApi(({ url }) => {
      if (url.pathname !== '/api/v1/records') return undefined;
      const limit = Number(url.searchParams.get('limit'));
      const after = url.searchParams.get('cursor');
      const first = after ? 100 : 0;
      return {
        body: {
          items: Array.from({ length: Math.min(limit, 3) }, (_, i) => aRecord(first + i, i === 1 ? { action: 'FAILED', error: 'snapshot ended in error' } : {})),
          nextCursor: after ? null : 'page-2',
          total: 130,
          totalCapped: false,
        },
      };
    });
    renderAt(<AuditPage />, { me: VIEWER, path: '/audit' });
    const table = await screen.findByTestId('records-table');
    expect(await within(table).findByText('snapshot ended in error')).toBeInTheDocument();
    expect(screen.getByTestId('records-total')).toHaveTextContent('130 matching record(s)');
    expect(calls[0].url.searchParams.get('limit')).toBe('25');
    expect(calls[0].url.searchParams.get('sort')).toBe('desc');

    const sizes = screen.getByLabelText('Per page');
    expect([...(sizes as HTMLSelectElement).options].map((o) => o.value)).toEqual(['10', '25', '50', '100']);
    await userEvent.selectOptions(sizes, '100');
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('limit')).toBe('100'));

    await userEvent.click(screen.getByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('cursor')).toBe('page-2'));
    expect(await screen.findByText('Page 2')).toBeInTheDocument();

    fill(screen.getByLabelText('Project id'), 'demo-project-1');
    fill(screen.getByLabelText('Policy'), 'daily_5');
    await userEvent.click(screen.getByRole('checkbox', { name: 'FAILED' }));
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('projectId')).toBe('demo-project-1'));
    const last = calls.at(-1)!.url.searchParams;
    expect(last.get('policy')).toBe('daily_5');
    expect(last.getAll('action')).toEqual(['FAILED']);
    expect(last.get('cursor')).toBeNull();

    const csv = screen.getByTestId('export-csv').getAttribute('href')!;
    const exportParams = new URL(csv, 'http://x').searchParams;
    expect(csv.startsWith('/api/v1/records/export?')).toBe(true);
    expect(exportParams.get('projectId')).toBe('demo-project-1');
    expect(exportParams.get('policy')).toBe('daily_5');
    expect(exportParams.get('action')).toBe('FAILED');
    expect(exportParams.get('format')).toBe('csv');
  });

  it('asks the server for the oldest first and shows the records in the order it answers', async () => {
    const calls = fakeApi(({ url }) => {
      if (url.pathname !== '/api/v1/records') return undefined;
      const items = [aRecord(1), aRecord(2), aRecord(3)];
      return { body: { items: url.searchParams.get('sort') === 'asc' ? items : items.reverse(), total: 3 } };
    });
    renderAt(<AuditPage />, { me: VIEWER, path: '/audit' });
    const table = await screen.findByTestId('records-table');
    const volumes = () => within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[2].textContent);
    await waitFor(() => expect(volumes()).toEqual(['volume-3 10 GB', 'volume-2 10 GB', 'volume-1 10 GB']));
    const order = screen.getByRole('combobox', { name: 'Sort by time' });
    expect(order).toHaveValue('desc');

    await userEvent.selectOptions(order, 'oldest first');
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('sort')).toBe('asc'));
    await waitFor(() => expect(volumes()).toEqual(['volume-1 10 GB', 'volume-2 10 GB', 'volume-3 10 GB']));
    expect(order).toHaveValue('asc');
    // the export keeps the order
    expect(new URL(screen.getByTestId('export-csv').getAttribute('href')!, 'http://x').searchParams.get('sort')).toBe('asc');
  });

  it('shows the problem of a filter the API cannot read', async () => {
    fakeApi(() => ({ status: 400, body: { status: 400, title: 'Bad Request', detail: 'Some query parameters cannot be read',
      violations: [{ field: 'runId', message: 'not a UUID' }] } }));
    renderAt(<AuditPage />, { me: VIEWER, path: '/audit?runId=nope' });
    const problem = await screen.findByTestId('problem');
    expect(problem).toHaveTextContent('Some query parameters cannot be read');
    expect(problem).toHaveTextContent('runId: not a UUID');
  });
});
