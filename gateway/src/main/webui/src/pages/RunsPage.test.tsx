import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../test/FakeEventSource';
import { aRun } from '../test/fixtures';
import { fakeApi, OPERATOR, renderAt, VIEWER } from '../test/render';
import { RunsPage } from './RunsPage';

beforeEach(() => FakeEventSource.install());
afterEach(() => vi.unstubAllGlobals());

describe('the runs list', () => {
  it('shows status badges, filters server-side and pages with the keyset cursor', async () => {
    const calls = fakeApi(({ url }) => {
      if (url.pathname !== '/api/v1/runs') return undefined;
      return url.searchParams.get('cursor') === 'c2'
        ? { body: { items: [aRun({ id: 'r3', status: 'PARTIAL' })], nextCursor: null } }
        : { body: { items: [aRun({ id: 'r1' }), aRun({ id: 'r2', status: 'FAILED' })], nextCursor: 'c2' } };
    });
    renderAt(<RunsPage />, { me: VIEWER, path: '/runs' });
    const table = await screen.findByTestId('runs-table');
    expect(await within(table).findByTestId('badge-FAILED')).toBeInTheDocument();
    expect(FakeEventSource.to('/api/v1/runs/events')).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Next →' }));
    expect(await within(table).findByTestId('badge-PARTIAL')).toBeInTheDocument();
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('cursor')).toBe('c2'));

    await userEvent.click(screen.getByRole('checkbox', { name: 'FAILED' }));
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'true');
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('dryRun')).toBe('true'));
    const last = calls.at(-1)!.url.searchParams;
    expect(last.getAll('status')).toEqual(['FAILED']);
    expect(last.get('dryRun')).toBe('true');
    expect(last.get('cursor')).toBeNull();
    expect(last.get('limit')).toBe('25');
  });

  it('offers run-now to operators but not to viewers', async () => {
    fakeApi(() => ({ body: { items: [] } }));
    const { unmount } = renderAt(<RunsPage />, { me: VIEWER, path: '/runs' });
    await screen.findByText('No runs match.');
    expect(screen.queryByTestId('run-now')).not.toBeInTheDocument();
    unmount();
    renderAt(<RunsPage />, { me: OPERATOR, path: '/runs' });
    expect(await screen.findByTestId('run-now')).toBeInTheDocument();
  });
});
